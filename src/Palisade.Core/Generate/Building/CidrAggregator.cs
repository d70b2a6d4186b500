using System.Net.Sockets;
using Palisade.Net;

namespace Palisade.Generate.Building;

/// <summary>
/// Turns observed addresses into the CIDRs of ipBlock rules. A /24 (IPv6: /64) in which at least the threshold of
/// addresses were seen becomes one block with the union of their ports (a service spread over a provider's
/// range); the other addresses are written exactly: those with the same ports collapse into the fewest CIDRs
/// that hold them and nothing else.
/// </summary>
public static class CidrAggregator
{
    /// <summary>The blocks, ordered by family and address.</summary>
    public static IReadOnlyList<AddressBlock> Aggregate(IReadOnlyDictionary<AddressKey, HashSet<(Protocol, int)>> ports, int threshold)
    {
        var blocks = new List<AddressBlock>();
        var exact = new List<AddressKey>();
        foreach (var group in ports.Keys.GroupBy(Prefix))
        {
            var members = group.OrderBy(a => a.Value).ToArray();
            if (members.Length >= threshold)
            {
                blocks.Add(new AddressBlock(group.Key, Cidr(group.Key), members, Sorted(members.SelectMany(m => ports[m])), Aggregated: true));
            }
            else
            {
                exact.AddRange(members);
            }
        }
        foreach (var group in exact.GroupBy(a => Key(ports[a])))
        {
            var addresses = group.OrderBy(a => a.IsV6).ThenBy(a => a.Value).ToArray();
            for (var i = 0; i < addresses.Length;)
            {
                var end = i;
                while (end + 1 < addresses.Length && addresses[end + 1].IsV6 == addresses[i].IsV6 && addresses[end + 1].Value == addresses[end].Value + 1)
                    end++;
                var family = addresses[i].Family;
                foreach (var range in Split(family, addresses[i].Value, addresses[end].Value))
                    blocks.Add(new AddressBlock(range, Cidr(range), [.. addresses[i..(end + 1)].Where(a => range.Contains(a.Range))], Sorted(ports[addresses[i]]), Aggregated: false));
                i = end + 1;
            }
        }
        return [.. blocks.OrderBy(b => b.Range)];
    }

    /// <summary>The CIDR text of a range that is one aligned block.</summary>
    public static string Cidr(IpRange range)
    {
        var bits = range.Family == AddressFamily.InterNetwork ? 32 : 128;
        var size = range.End - range.Start;
        var hostBits = size == UInt128.MaxValue ? 128 : (int)UInt128.Log2(size + 1);
        return $"{IpRange.ToAddress(range.Family, range.Start)}/{bits - hostBits}";
    }

    /// <summary>The /24 (IPv6: /64) holding the address.</summary>
    private static IpRange Prefix(AddressKey address)
    {
        var hostBits = address.IsV6 ? 64 : 8;
        var mask = (UInt128.One << hostBits) - 1;
        return new IpRange(address.Family, address.Value & ~mask, address.Value | mask);
    }

    /// <summary>The fewest aligned blocks covering exactly [start, end].</summary>
    private static IEnumerable<IpRange> Split(AddressFamily family, UInt128 start, UInt128 end)
    {
        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        while (true)
        {
            var hostBits = 0;
            while (hostBits < bits && (start & ((UInt128.One << (hostBits + 1)) - 1)) == 0 && start + ((UInt128.One << (hostBits + 1)) - 1) <= end)
                hostBits++;
            var last = start + ((UInt128.One << hostBits) - 1);
            yield return new IpRange(family, start, last);
            if (last >= end)
                yield break;
            start = last + 1;
        }
    }

    private static (Protocol, int)[] Sorted(IEnumerable<(Protocol Protocol, int Port)> ports) =>
        [.. ports.Distinct().OrderBy(p => p.Protocol).ThenBy(p => p.Port)];

    private static string Key(HashSet<(Protocol Protocol, int Port)> ports) =>
        string.Join(",", ports.OrderBy(p => p.Protocol).ThenBy(p => p.Port).Select(p => $"{p.Protocol}/{p.Port}"));
}
