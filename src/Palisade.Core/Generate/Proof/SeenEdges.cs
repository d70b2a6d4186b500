using Palisade.Connectivity;
using Palisade.Net;

namespace Palisade.Generate.Proof;

/// <summary>
/// The observed edges as pairs of peers, with those towards or from external addresses indexed by their peer inside
/// the cluster, so that what was observed towards a range of addresses is found without scanning every edge.
/// </summary>
internal sealed class SeenEdges
{
    private readonly Dictionary<(Peer, Peer), ConnectionSet> _pairs;
    private readonly Dictionary<Peer, List<(ExternalPeer Address, ConnectionSet Connections)>> _outgoing = [];
    private readonly Dictionary<Peer, List<(ExternalPeer Address, ConnectionSet Connections)>> _incoming = [];

    /// <summary>The edges of the observed report.</summary>
    public SeenEdges(ConnectivityReport observed)
    {
        _pairs = observed.Connections.ToDictionary(c => (c.Source, c.Destination), c => c.Connections);
        foreach (var ((from, to), connections) in _pairs)
        {
            if (to is ExternalPeer outside)
                Add(_outgoing, from, outside, connections);
            if (from is ExternalPeer inside)
                Add(_incoming, to, inside, connections);
        }
    }

    private static void Add(Dictionary<Peer, List<(ExternalPeer, ConnectionSet)>> index, Peer peer, ExternalPeer address, ConnectionSet connections)
    {
        if (!index.TryGetValue(peer, out var list))
            index[peer] = list = [];
        list.Add((address, connections));
    }

    /// <summary>
    /// What was observed between the peers; towards a range of external addresses, what was observed towards every
    /// address of it (a range holding one address is that address).
    /// </summary>
    public ConnectionSet Between(Peer source, Peer destination)
    {
        if (_pairs.TryGetValue((source, destination), out var exact))
            return exact;
        var (inside, range, index) = source is ExternalPeer s ? (destination, s.Range, _incoming)
            : destination is ExternalPeer d ? (source, d.Range, _outgoing) : (null, default, null);
        if (inside is null || !index!.TryGetValue(inside, out var edges))
            return ConnectionSet.None;
        ConnectionSet? common = null;
        UInt128 count = 0;
        foreach (var (address, connections) in edges)
        {
            if (range.Contains(address.Range))
            {
                common = common is null ? connections : common.Intersect(connections);
                count += address.Range.End - address.Range.Start + 1;
            }
        }
        return common is not null && count == range.End - range.Start + 1 ? common : ConnectionSet.None;
    }
}
