using System.Runtime.InteropServices;
using Palisade.Net;

namespace Palisade.Flows.Detection;

/// <summary>
/// Single records without ports (Hubble's ICMP) each count as a connection, but one packet is recorded at each observation
/// point of its path: leaving the source's node (EGRESS) and arriving at the destination's (INGRESS), a millisecond apart.
/// A record of the same ends, protocol and ICMP type seen at another point (another node or direction) within
/// <see cref="Apart"/> of the pair's last record is that packet again. Pings a second apart stay apart. Memory is bounded.
/// Not thread-safe.
/// </summary>
internal sealed class PacketSightings(int capacity)
{
    /// <summary>How far apart one packet's records at two points may lie: the path's latency and the nodes' clocks.</summary>
    private static readonly long Apart = TimeSpan.FromMilliseconds(100).Ticks;

    private readonly Dictionary<Pair, Sighting> _last = [];

    /// <summary>Records the sighting; whether it is a packet already seen at another observation point.</summary>
    public bool Touch(FlowRecord record, long ticks)
    {
        var pair = new Pair(record.SourceKey, record.DestinationKey, record.Protocol ?? -1, record.IcmpType ?? -1);
        if (_last.Count >= capacity && !_last.ContainsKey(pair))
            Evict(ticks);
        ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(_last, pair, out var known);
        var seen = known && Math.Abs(ticks - last.Ticks) <= Apart
            && (!string.Equals(last.Node, record.NodeName, StringComparison.Ordinal) || last.Direction != record.Direction);
        last = new Sighting(ticks, record.NodeName, record.Direction);
        return seen;
    }

    private void Evict(long now)
    {
        foreach (var (pair, last) in _last)
        {
            if (now - last.Ticks > Apart)
                _last.Remove(pair);
        }
        if (_last.Count >= capacity)
            _last.Clear();
    }

    private readonly record struct Pair(AddressKey Source, AddressKey Destination, int Protocol, int IcmpType);

    private readonly record struct Sighting(long Ticks, string? Node, FlowDirection Direction);
}
