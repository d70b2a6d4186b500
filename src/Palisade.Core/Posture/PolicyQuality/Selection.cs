using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Posture.PolicyQuality;

/// <summary>
/// What a policy's selectors pick among the objects present in the input. Pods are looked up by namespace
/// (indexed once per snapshot), so that a check over every policy does not scan every pod for each.
/// </summary>
internal static class Selection
{
    /// <summary>The pods the policy applies to.</summary>
    public static IEnumerable<Pod> SelectedPods(NetworkSnapshot cluster, NetworkPolicy policy) =>
        cluster.PodsIn(policy.Namespace).Where(p => policy.PodSelector.Matches(p.Labels));

    /// <summary>The namespaces a selector peer reaches: its namespaceSelector's, or the policy's own.</summary>
    public static IEnumerable<NamespaceInfo> PeerNamespaces(NetworkSnapshot cluster, NetworkPolicy policy, SelectorPeer peer) =>
        peer.NamespaceSelector is { } selector
            ? cluster.Namespaces.Values.Where(n => selector.Matches(n.Labels))
            : cluster.Namespaces.TryGetValue(policy.Namespace, out var own) ? [own] : [];

    /// <summary>The pods a selector peer matches, namespace by namespace.</summary>
    public static IEnumerable<Pod> PeerPods(NetworkSnapshot cluster, NetworkPolicy policy, SelectorPeer peer) =>
        PeerNamespaces(cluster, policy, peer)
            .SelectMany(n => cluster.PodsIn(n.Name))
            .Where(p => peer.PodSelector?.Matches(p.Labels) ?? true);

    /// <summary>The pods a rule's peers match (every pod when the rule names no peer); a pod several peers match comes once per peer.</summary>
    public static IEnumerable<Pod> RulePods(NetworkSnapshot cluster, NetworkPolicy policy, PolicyRule rule) =>
        rule.Peers.Count == 0
            ? cluster.Pods
            : rule.Peers.OfType<SelectorPeer>().SelectMany(peer => PeerPods(cluster, policy, peer));
}
