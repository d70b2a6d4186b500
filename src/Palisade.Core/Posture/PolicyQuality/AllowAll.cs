using Palisade.Findings;
using Palisade.Policy;
using Palisade.Posture.Consequences;

namespace Palisade.Posture.PolicyQuality;

/// <summary>
/// A rule that admits every port from or to every peer: no peers (or an all-pods or all-addresses peer)
/// and no port limit. It cancels the isolation of the pods it selects in that direction. An egress rule is
/// the cause of what its pods then reach: one finding per rule lists those consequences, with the severity
/// of the worst.
/// </summary>
public sealed class AllowAll(PolicyDirection direction) : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = direction == PolicyDirection.Ingress
        ? new("PAL203", "allow-all-ingress", "Rule allows all ingress", Severity.Medium, "policy-quality",
            "An ingress rule without a peer or port limit (ingress: [{}], namespaceSelector: {}, ipBlock 0.0.0.0/0) admits every source on every port, which undoes the isolation of the selected pods.")
        {
            References = [References.NsaNetworkPolicies, References.CisNetworkPolicies],
        }
        : new("PAL204", "allow-all-egress", "Rule allows all egress", Severity.Medium, "policy-quality",
            "An egress rule without a peer or port limit (egress: [{}], namespaceSelector: {}, ipBlock 0.0.0.0/0) lets the selected pods connect anywhere, including the internet, the control plane and the cloud metadata service. The finding lists what the selected pods reach through the rule; its severity is that of the worst (high for the metadata service).")
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
            if (!policy.Affects(direction))
                continue;
            foreach (var rule in policy.Rules(direction))
            {
                if (RuleBreadth.AllowAll(rule) is not { } breadth)
                    continue;
                var consequences = direction == PolicyDirection.Egress ? RuleConsequences.Of(context, policy, rule) : [];
                yield return new Finding(Info, PostureContext.Ref(policy),
                    $"{rule.Path} allows all ports {(direction == PolicyDirection.Ingress ? "from" : "to")} {breadth}{RuleConsequences.Describe(context, policy, consequences)}",
                    $"Name the peers (podSelector, namespaceSelector by kubernetes.io/metadata.name) and the ports the selected pods need.")
                {
                    Field = rule.Path,
                    Severity = Consequence.Worst(consequences, Info.Severity),
                };
            }
        }
    }
}
