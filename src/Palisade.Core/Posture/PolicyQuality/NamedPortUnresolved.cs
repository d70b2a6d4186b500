using Palisade.Findings;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Posture.PolicyQuality;

/// <summary>
/// A named port in a rule that no destination pod declares (with that protocol): the entry admits nothing.
/// Destinations are the policy's own pods for ingress, the rule's peers for egress.
/// </summary>
public sealed class NamedPortUnresolved : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL207", "named-port-unresolved", "Named port resolves nowhere", Severity.Low, "policy-quality",
        "A named port admits only container ports of that name and protocol on the destination pod; when no destination declares it, the entry admits nothing and the intended traffic is denied.")
    {
        References = [References.NsaNetworkPolicies],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var policy in context.Network.NetworkPolicies)
        {
            if (context.Unchanged(policy.Namespace))
                continue;
            Pod[]? selected = null;
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
            {
                if (!HasNamedPort(rule))
                    continue;
                var destinations = rule.Direction == PolicyDirection.Ingress
                    ? selected ??= Selection.SelectedPods(context.Network, policy).ToArray()
                    : Selection.RulePods(context.Network, policy, rule).ToArray();
                if (rule.Direction == PolicyDirection.Ingress && destinations.Length == 0)
                    continue;
                for (var i = 0; i < rule.Ports.Count; i++)
                {
                    var port = rule.Ports[i];
                    if (port.Name is not { } name || destinations.Any(d => Declares(d, name, port.Protocol)))
                        continue;
                    var field = $"{rule.Path}.ports[{i}]";
                    var whose = rule.Direction == PolicyDirection.Ingress ? "the pods the policy selects" : destinations.Length == 0 ? "any pod the rule's peers match (they match none)" : "the pods of the rule's peers";
                    yield return new Finding(Info, PostureContext.Ref(policy),
                        $"{field}: named port {name}/{port.Protocol.Name()} is not declared by {whose}",
                        "Use the container port's exact name and protocol, or a port number.")
                    {
                        Field = field,
                    };
                }
            }
        }
    }

    private static bool HasNamedPort(PolicyRule rule)
    {
        foreach (var port in rule.Ports)
        {
            if (port.Name is not null)
                return true;
        }
        return false;
    }

    private static bool Declares(Pod pod, string name, Protocol protocol)
    {
        foreach (var port in pod.Ports)
        {
            if (port.Name == name && port.Protocol == protocol)
                return true;
        }
        return false;
    }
}
