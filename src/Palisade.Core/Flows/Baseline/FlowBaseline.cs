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
        var prefix = address.Family == AddressFamily.InterNetwork ? 24 : 64;
        var bits = address.Family == AddressFamily.InterNetwork ? 32 : 128;
        var mask = UInt128.MaxValue << (bits - prefix);
        var network = IpRange.ToAddress(address.Family, address.Value & mask);
        return $"{network}/{prefix}";
    }
}
