using Palisade.Findings;
using Palisade.Policy;

namespace Palisade.Posture.PolicyQuality;

/// <summary>A from/to peer whose selectors match no namespace or no pod present in the input.</summary>
public sealed class PeerMatchesNothing : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL202", "peer-matches-nothing", "Peer selector matches nothing", Severity.Low, "policy-quality",
        "A peer of the rule matches no namespace or no pod in the input: the traffic it was meant to allow is denied, or the selector has a typo. When the input is only part of the cluster, the peer may live elsewhere.")
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
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
            {
                for (var i = 0; i < rule.Peers.Count; i++)
                {
                    if (rule.Peers[i] is not SelectorPeer peer || Problem(context, policy, peer) is not { } problem)
                        continue;
                    var field = $"{rule.Path}.{(rule.Direction == PolicyDirection.Ingress ? "from" : "to")}[{i}]";
                    yield return new Finding(Info, PostureContext.Ref(policy), $"{field}: {problem}",
                        "Check the selector against the labels of the intended namespaces and pods.")
                    {
                        Field = field,
                    };
                }
            }
        }
    }

    private static string? Problem(PostureContext context, NetworkPolicy policy, SelectorPeer peer)
    {
        if (peer.NamespaceSelector is { IsEmpty: false } namespaces && !Selection.PeerNamespaces(context.Network, policy, peer).Any())
            return $"namespaceSelector {namespaces} matches no namespace";
        if (peer.PodSelector is { IsEmpty: false } pods && !Selection.PeerPods(context.Network, policy, peer).Any())
            return peer.NamespaceSelector is null
                ? $"podSelector {pods} matches no pod in namespace {policy.Namespace}"
                : $"podSelector {pods} matches no pod in the namespaces selected";
        return null;
    }
}
