using Palisade.Model;
using Palisade.Policy;
using Palisade.Net;

namespace Palisade.Connectivity;

/// <summary>
/// A NetworkPolicy rule with its selectors evaluated against every pod once, so that matching a peer is
/// an array read, and with its connections precomputed when they do not depend on named ports.
/// </summary>
internal sealed class CompiledRule(NetworkPolicy policy, PolicyRule rule, IndexSet[] selectorMatches, IpBlockPeer[] blocks)
{
    private readonly ConnectionSet? _fixed = rule.Ports.Any(p => p.Name is not null) ? null : PolicyEngine.RuleConnections(rule, []);

    /// <summary>The policy the rule belongs to.</summary>
    public NetworkPolicy Policy => policy;

    /// <summary>The rule.</summary>
    public PolicyRule Rule => rule;

    /// <summary>Whether the rule matches the endpoint; <paramref name="podMatchesAddress"/> decides ipBlocks against pods.</summary>
    public bool Matches(Endpoint endpoint, Func<IpSet, Pod, bool> podMatchesAddress)
    {
        if (rule.Peers.Count == 0)
            return true;
        switch (endpoint)
        {
            case PodEndpoint pod:
                foreach (var matches in selectorMatches)
                {
                    if (matches[pod.Index])
                        return true;
                }
                foreach (var block in blocks)
                {
                    if (podMatchesAddress(block.Addresses, pod.Pod))
                        return true;
                }
                return false;
            case ExternalEndpoint external:
                foreach (var block in blocks)
                {
                    if (block.Addresses.Contains(external.Range))
                        return true;
                }
                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Sets the bits (by pod index) of the pods the rule's peers select; false when the rule may match pods it does not
    /// select: it has no peers, or ipBlocks that <paramref name="blocksMatchPods"/>.
    /// </summary>
    public bool AddSelectedPods(ulong[] bits, bool blocksMatchPods)
    {
        if (rule.Peers.Count == 0 || blocksMatchPods && blocks.Length > 0)
            return false;
        foreach (var matches in selectorMatches)
            matches.AddTo(bits);
        return true;
    }

    /// <summary>The connections the rule admits towards a destination with the given container ports.</summary>
    public ConnectionSet Connections(IReadOnlyList<ContainerPort> destinationPorts) =>
        _fixed ?? PolicyEngine.RuleConnections(rule, destinationPorts);
}
