using Palisade.Findings;
using Palisade.Policy;

namespace Palisade.Posture.PolicyQuality;

/// <summary>
/// A rule that admits every port from or to every peer: no peers (or an all-pods or all-addresses peer)
/// and no port limit. It cancels the isolation of the pods it selects in that direction.
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
            "An egress rule without a peer or port limit (egress: [{}], namespaceSelector: {}, ipBlock 0.0.0.0/0) lets the selected pods connect anywhere, including the internet, the control plane and the cloud metadata service.")
        {
            References = [References.NsaNetworkPolicies],
        };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var policy in context.Network.NetworkPolicies)
        {
            if (!policy.Affects(direction))
                continue;
            foreach (var rule in policy.Rules(direction))
            {
                if (rule.Ports.Count > 0 || Breadth(rule) is not { } breadth)
                    continue;
                yield return new Finding(Info, PostureContext.Ref(policy),
                    $"{rule.Path} allows all ports {(direction == PolicyDirection.Ingress ? "from" : "to")} {breadth}",
                    $"Name the peers (podSelector, namespaceSelector by kubernetes.io/metadata.name) and the ports the selected pods need.")
                {
                    Field = rule.Path,
                };
            }
        }
    }

    private static string? Breadth(PolicyRule rule)
    {
        if (rule.Peers.Count == 0)
            return "any peer";
        foreach (var peer in rule.Peers)
        {
            if (peer is SelectorPeer selector && Selection.IsEveryPod(selector))
                return "every pod in the cluster";
            if (peer is IpBlockPeer block && Selection.IsWholeFamily(block))
                return $"every address ({block})";
        }
        return null;
    }
}
