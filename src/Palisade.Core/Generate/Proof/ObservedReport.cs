using Palisade.Connectivity;
using Palisade.Generate.Traffic;
using Palisade.Net;

namespace Palisade.Generate.Proof;

/// <summary>
/// The observed edges as a connectivity report, named as <c>connectivity</c> names peers (workloads, and
/// single-address external ranges for nodes and outside addresses), so that the engine's result can be compared
/// with it as <c>palisade diff</c> compares two versions.
/// </summary>
public static class ObservedReport
{
    /// <summary>The report of the edges; <paramref name="peers"/> are the in-cluster peers of the result it is compared with.</summary>
    public static ConnectivityReport Of(IEnumerable<ObservedEdge> edges, IReadOnlyList<Peer> peers)
    {
        var pairs = new Dictionary<(Peer, Peer), ConnectionSet>();
        var endpoints = new Dictionary<Peer, IReadOnlyList<Endpoint>>();
        foreach (var edge in edges.Where(e => e.Source.Kind != EndKind.Anywhere))
        {
            var source = PeerOf(edge.Source, endpoints);
            var destination = PeerOf(edge.Destination, endpoints);
            if (source.Equals(destination))
                continue;
            var connections = ConnectionSet.Of(edge.Protocol, PortSet.Single(edge.Port));
            pairs[(source, destination)] = pairs.TryGetValue((source, destination), out var known) ? known.Union(connections) : connections;
        }
        var lines = pairs.Select(p => new Connection(p.Key.Item1, p.Key.Item2, p.Value)).OrderBy(c => c.Source).ThenBy(c => c.Destination).ToArray();
        return new ConnectivityReport(peers, lines) { Endpoints = endpoints };
    }

    /// <summary>The peer <c>connectivity</c> reports for an end: hostNetwork pods are pods of their workload there.</summary>
    public static Peer PeerOf(TrafficEnd end, Dictionary<Peer, IReadOnlyList<Endpoint>>? endpoints = null)
    {
        if (end.Workload is { } workload)
            return new WorkloadPeer(workload);
        var range = end.Address!.Value.Range;
        var peer = new ExternalPeer(range);
        endpoints?.TryAdd(peer, [new ExternalEndpoint(range)]);
        return peer;
    }
}
