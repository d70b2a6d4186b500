using Palisade.Policy;

namespace Palisade.Connectivity.Reachability;

/// <summary>
/// The nodes one peer entry matches (a selector in a namespace context, an ipBlock of one direction, or
/// every peer), shared by all rules with an equal entry, and those rules by direction.
/// </summary>
internal sealed class PeerSet(string key, PolicyDirection direction, string policyNamespace, PolicyPeer? peer)
{
    /// <summary>What makes two entries one set.</summary>
    public string Key => key;

    /// <summary>The direction of the rules: ipBlocks match the external ranges of that direction.</summary>
    public PolicyDirection Direction => direction;

    /// <summary>The namespace a bare podSelector selects in.</summary>
    public string PolicyNamespace => policyNamespace;

    /// <summary>The entry; null for a rule without peers, which matches every peer.</summary>
    public PolicyPeer? Peer => peer;

    /// <summary>The matching nodes.</summary>
    public NodeSet Members { get; } = new();

    /// <summary>The rules using the set.</summary>
    public List<RuleState> Rules { get; } = [];

    /// <summary>The key of an entry in a policy of the namespace, for rules of the direction.</summary>
    public static string KeyOf(PolicyPeer? peer, PolicyDirection direction, string policyNamespace) => peer switch
    {
        null => $"*{direction}",
        SelectorPeer { NamespaceSelector: null } s => $"s{direction}\0{policyNamespace}\0{s.PodSelector}",
        SelectorPeer s => $"n{direction}\0{s.NamespaceSelector}\0{(s.PodSelector is null ? "-" : s.PodSelector.ToString())}",
        IpBlockPeer b => $"b{direction}\0{b.Addresses}",
        _ => throw new InvalidOperationException($"unknown peer {peer}"),
    };
}
