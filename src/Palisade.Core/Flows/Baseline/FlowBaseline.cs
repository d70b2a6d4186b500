using System.Net.Sockets;
using Palisade.Flows.Identity;
using Palisade.Net;

namespace Palisade.Flows.Baseline;

/// <summary>
/// The connections seen delivered during a learning period, keyed by identity (workloads, nodes) or, for
/// external peers, by /24 (IPv6 /64), since external addresses rotate within their networks. Not thread-safe
/// while being added to; safe for concurrent readers after.
/// </summary>
public sealed class FlowBaseline
{
    private readonly HashSet<BaselineEdge> _edges = [];

    /// <summary>The edges, unordered.</summary>
    public IReadOnlyCollection<BaselineEdge> Edges => _edges;

    /// <summary>Adds an edge; true when it was not known.</summary>
    public bool Add(BaselineEdge edge) => _edges.Add(edge);

    /// <summary>Whether the edge was seen.</summary>
    public bool Contains(BaselineEdge edge) => _edges.Contains(edge);

    /// <summary>Whether the connection from <paramref name="source"/> to <paramref name="destination"/> (protocol number, destination port) was seen.</summary>
    public bool Saw(FlowPeer source, FlowPeer destination, int? protocol, int? port) =>
        _edges.Contains(new BaselineEdge(KeyOf(source), KeyOf(destination), FlowProtocols.Name(protocol), port));

    /// <summary>How a baseline keys a peer: its workload's key (<see cref="FlowPeer.WorkloadKey"/>), a node's name, or for an external address its /24 (IPv6 /64).</summary>
    public static string KeyOf(FlowPeer peer)
    {
        if (peer.Kind != FlowPeerKind.External || peer.Address is not { } address)
            return peer.WorkloadKey;
        return NetworkKey(address.Family, address.Value);
    }

    /// <summary>
    /// The key of an external peer a baseline file names by an address (as alerts print it) or by a network of the
    /// key's size; false for a name that is no address nor network, or a network of another size.
    /// </summary>
    public static bool TryKeyOfNetwork(string text, out string key)
    {
        key = text;
        var network = text.Contains('/');
        IpRange range;
        if (network ? !IpRange.TryParseCidr(text, out range) : !TryRangeOfAddress(text, out range))
            return false;
        var (prefix, bits) = PrefixOf(range.Family);
        if (network && range.End - range.Start != (UInt128.One << (bits - prefix)) - 1)
            return false;
        key = NetworkKey(range.Family, range.Start);
        return true;
    }

    private static bool TryRangeOfAddress(string text, out IpRange range)
    {
        range = default;
        if (!IpRange.TryParseAddress(text, out var address))
            return false;
        range = IpRange.Single(address);
        return true;
    }

    private static (int Prefix, int Bits) PrefixOf(AddressFamily family) =>
        family == AddressFamily.InterNetwork ? (24, 32) : (64, 128);

    private static string NetworkKey(AddressFamily family, UInt128 value)
    {
        var (prefix, bits) = PrefixOf(family);
        var mask = UInt128.MaxValue << (bits - prefix);
        return $"{IpRange.ToAddress(family, value & mask)}/{prefix}";
    }
}
