using Palisade.Policy;

namespace Palisade.Posture.Consequences;

/// <summary>How broad a rule is on its face: the rules that are a cause of their own (PAL203/204, PAL205).</summary>
public static class RuleBreadth
{
    /// <summary>
    /// What an allow-all rule admits ("any peer", "every pod in the cluster", "every address (0.0.0.0/0)"): a
    /// rule with no port limit whose peers are absent, every pod of every namespace, or a whole address family;
    /// null for any other rule.
    /// </summary>
    public static string? AllowAll(PolicyRule rule)
    {
        if (rule.Ports.Count > 0)
            return null;
        if (rule.Peers.Count == 0)
            return "any peer";
        foreach (var peer in rule.Peers)
        {
            if (peer is SelectorPeer selector && IsEveryPod(selector))
                return "every pod in the cluster";
            if (peer is IpBlockPeer block && IsWholeFamily(block))
                return $"every address ({block})";
        }
        return null;
    }

    /// <summary>The whole-family ipBlock peers of a rule limited to ports (PAL205's case).</summary>
    public static IEnumerable<(IpBlockPeer Block, int Index)> AnyAddress(PolicyRule rule) =>
        rule.Ports.Count == 0
            ? []
            : rule.Peers.Select((p, i) => (Peer: p, Index: i)).Where(p => p.Peer is IpBlockPeer b && IsWholeFamily(b)).Select(p => ((IpBlockPeer)p.Peer, p.Index));

    /// <summary>Whether the rule is a cause reported on the policy itself (allow-all, or any address on some ports).</summary>
    public static bool IsPolicyCause(PolicyRule rule) => AllowAll(rule) is not null || AnyAddress(rule).Any();

    /// <summary>Whether the peer is every pod of every namespace.</summary>
    public static bool IsEveryPod(SelectorPeer peer) =>
        peer.NamespaceSelector is { IsEmpty: true } && (peer.PodSelector is null || peer.PodSelector.IsEmpty);

    /// <summary>Whether the ipBlock's cidr is 0.0.0.0/0 or ::/0.</summary>
    public static bool IsWholeFamily(IpBlockPeer block) =>
        block.CidrRange == Net.IpRange.All(block.CidrRange.Family);
}
