using System.Net.Sockets;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Connectivity;

/// <summary>
/// Splits the address space outside the cluster into the ranges that the policies' ipBlocks (and the
/// cluster-scoped policies' networks) of one direction tell apart: every range lies wholly inside or wholly outside the addresses each ipBlock matches (its cidr less
/// its excepts, so adjacent excepts make no cut between them). Sources
/// are split by ingress ipBlocks, destinations by egress ipBlocks, as np-guard does.
/// </summary>
public static class ExternalPartition
{
    /// <summary>
    /// The partition of the address space by the given address sets (each policy peer's addresses). IPv4 is
    /// always covered; IPv6 only when some set holds IPv6 addresses, since a cluster whose policies never
    /// mention IPv6 gains nothing from a second, undivided range; or when <paramref name="ipv6Space"/> asks for it.
    /// </summary>
    public static IReadOnlyList<IpRange> Build(IEnumerable<IpSet> addressSets, bool ipv6 = true, bool ipv6Space = false)
    {
        var cuts = new Dictionary<AddressFamily, SortedSet<UInt128>>
        {
            [AddressFamily.InterNetwork] = [],
        };
        if (ipv6 && ipv6Space)
            cuts[AddressFamily.InterNetworkV6] = [];
        foreach (var set in addressSets)
        {
            foreach (var range in set.Ranges)
            {
                if (!ipv6 && range.Family == AddressFamily.InterNetworkV6)
                    continue;
                if (!cuts.TryGetValue(range.Family, out var starts))
                    cuts[range.Family] = starts = [];
                starts.Add(range.Start);
                if (range.End != IpRange.All(range.Family).End)
                    starts.Add(range.End + 1);
            }
        }
        var result = new List<IpRange>();
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            if (!cuts.TryGetValue(family, out var starts))
                continue;
            starts.Add(0);
            var all = IpRange.All(family);
            var ordered = starts.ToArray();
            for (var i = 0; i < ordered.Length; i++)
            {
                var end = i + 1 < ordered.Length ? ordered[i + 1] - 1 : all.End;
                result.Add(new IpRange(family, ordered[i], end));
            }
        }
        return result;
    }

    /// <summary>Whether some ipBlock or cluster-scoped network of either direction holds IPv6 addresses.</summary>
    public static bool NamesIpv6(NetworkSnapshot cluster) =>
        new[] { PolicyDirection.Ingress, PolicyDirection.Egress }.Any(d =>
            AddressSets(cluster, d).Any(s => s.Ranges.Any(r => r.Family == AddressFamily.InterNetworkV6)));

    /// <summary>Whether some ipBlock of the policy, in either direction, holds IPv6 addresses.</summary>
    public static bool NamesIpv6(NetworkPolicy policy)
    {
        foreach (var direction in new[] { PolicyDirection.Ingress, PolicyDirection.Egress })
        {
            foreach (var rule in policy.Rules(direction))
            {
                foreach (var peer in rule.Peers)
                {
                    if (peer is IpBlockPeer block && block.Addresses.Ranges.Any(r => r.Family == AddressFamily.InterNetworkV6))
                        return true;
                }
            }
        }
        return false;
    }

    /// <summary>The address sets of every peer of the direction: NetworkPolicy ipBlocks and cluster-scoped networks.</summary>
    public static IEnumerable<IpSet> AddressSets(NetworkSnapshot cluster, PolicyDirection direction)
    {
        foreach (var policy in cluster.NetworkPolicies)
        {
            foreach (var rule in policy.Rules(direction))
            {
                foreach (var peer in rule.Peers)
                {
                    if (peer is IpBlockPeer block)
                        yield return block.Addresses;
                }
            }
        }
        foreach (var policy in cluster.AdminPolicies)
        {
            foreach (var rule in policy.Rules(direction))
            {
                foreach (var peer in rule.Peers)
                {
                    if (peer is AdminNetworksPeer networks)
                        yield return networks.Addresses;
                }
            }
        }
    }
}
