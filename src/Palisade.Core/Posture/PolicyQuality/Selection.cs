using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Posture.PolicyQuality;

/// <summary>What a policy's selectors pick among the objects present in the input.</summary>
internal static class Selection
{
    /// <summary>The pods the policy applies to.</summary>
    public static IEnumerable<Pod> SelectedPods(NetworkSnapshot cluster, NetworkPolicy policy) =>
        cluster.Pods.Where(p => p.Namespace == policy.Namespace && policy.PodSelector.Matches(p.Labels));

    /// <summary>The namespaces a selector peer reaches: its namespaceSelector's, or the policy's own.</summary>
    public static IEnumerable<NamespaceInfo> PeerNamespaces(NetworkSnapshot cluster, NetworkPolicy policy, SelectorPeer peer) =>
        peer.NamespaceSelector is { } selector
            ? cluster.Namespaces.Values.Where(n => selector.Matches(n.Labels))
            : cluster.Namespaces.TryGetValue(policy.Namespace, out var own) ? [own] : [];

    /// <summary>The pods a selector peer matches.</summary>
    public static IEnumerable<Pod> PeerPods(NetworkSnapshot cluster, NetworkPolicy policy, SelectorPeer peer)
    {
        var namespaces = PeerNamespaces(cluster, policy, peer).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        return cluster.Pods.Where(p => namespaces.Contains(p.Namespace) && (peer.PodSelector?.Matches(p.Labels) ?? true));
    }

    /// <summary>The pods a rule's peers match (every pod when the rule names no peer).</summary>
    public static IEnumerable<Pod> RulePods(NetworkSnapshot cluster, NetworkPolicy policy, PolicyRule rule) =>
        rule.Peers.Count == 0
            ? cluster.Pods
            : rule.Peers.OfType<SelectorPeer>().SelectMany(peer => PeerPods(cluster, policy, peer)).Distinct();
}
