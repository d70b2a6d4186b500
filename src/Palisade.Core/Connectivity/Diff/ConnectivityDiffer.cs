using System.Net.Sockets;
using Palisade.Net;

namespace Palisade.Connectivity.Diff;

/// <summary>
/// Compares two connectivity reports pair by pair. In-cluster pairs are matched by name. External ranges
/// differ between versions (their ipBlocks differ), so for each in-cluster peer and direction the two
/// partitions are refined together and the resulting ranges with the same (old, new) connections are
/// merged into maximal ranges, as np-guard does.
/// </summary>
public static class ConnectivityDiffer
{
    /// <summary>The differences from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static ConnectivityDiff Compare(ConnectivityReport before, ConnectivityReport after)
    {
        var beforePeers = before.Peers.ToHashSet();
        var afterPeers = after.Peers.ToHashSet();
        bool Appears(Peer p) => !p.IsExternal && beforePeers.Contains(p) != afterPeers.Contains(p);

        var entries = new List<ConnectionDiff>();
        void Add(Peer source, Peer destination, ConnectionSet old, ConnectionSet @new)
        {
            var kind = old.IsEmpty && @new.IsEmpty ? (DiffKind?)null
                : old.IsEmpty ? DiffKind.Added
                : @new.IsEmpty ? DiffKind.Removed
                : old.Equals(@new) ? DiffKind.Unchanged
                : DiffKind.Changed;
            if (kind is { } k)
                entries.Add(new ConnectionDiff(k, source, destination, old, @new, Appears(source), Appears(destination)));
        }

        var oldInternal = Internal(before);
        var newInternal = Internal(after);
        foreach (var key in oldInternal.Keys.Union(newInternal.Keys))
        {
            oldInternal.TryGetValue(key, out var old);
            newInternal.TryGetValue(key, out var @new);
            Add(key.Source, key.Destination, old ?? ConnectionSet.None, @new ?? ConnectionSet.None);
        }
        foreach (var peer in beforePeers.Union(afterPeers))
        {
            foreach (var outgoing in new[] { true, false })
            {
                foreach (var (range, old, @new) in RefinedExternal(before, after, peer, outgoing))
                {
                    var external = new ExternalPeer(range);
                    if (outgoing)
                        Add(peer, external, old, @new);
                    else
                        Add(external, peer, old, @new);
                }
            }
        }
        return new ConnectivityDiff(before, after, entries);
    }

    private static Dictionary<(Peer Source, Peer Destination), ConnectionSet> Internal(ConnectivityReport report) =>
        report.Connections.Where(c => c.Source is not ExternalPeer && c.Destination is not ExternalPeer)
            .ToDictionary(c => (c.Source, c.Destination), c => c.Connections);

    private static IEnumerable<(IpRange Range, ConnectionSet Old, ConnectionSet New)> RefinedExternal(
        ConnectivityReport before, ConnectivityReport after, Peer peer, bool outgoing) =>
        Refine(ExternalOf(before, peer, outgoing), ExternalOf(after, peer, outgoing));

    /// <summary>
    /// Two partitions of the external address space (ranges with their connections; an address in no range has
    /// none) refined together: the pieces where the old and the new connections are constant, adjacent pieces
    /// with the same pair merged into maximal ranges.
    /// </summary>
    public static IEnumerable<(IpRange Range, ConnectionSet Old, ConnectionSet New)> Refine(
        List<(IpRange Range, ConnectionSet Connections)> old, List<(IpRange Range, ConnectionSet Connections)> @new)
    {
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            var cuts = new SortedSet<UInt128>();
            foreach (var range in old.Concat(@new).Select(x => x.Range).Where(r => r.Family == family))
            {
                cuts.Add(range.Start);
                if (range.End != IpRange.All(family).End)
                    cuts.Add(range.End + 1);
            }
            if (cuts.Count == 0)
                continue;
            cuts.Add(0);
            var starts = cuts.ToArray();
            (IpRange Range, ConnectionSet Old, ConnectionSet New)? pending = null;
            for (var i = 0; i < starts.Length; i++)
            {
                var piece = new IpRange(family, starts[i], i + 1 < starts.Length ? starts[i + 1] - 1 : IpRange.All(family).End);
                var o = Lookup(old, piece);
                var n = Lookup(@new, piece);
                if (pending is { } p && p.Old.Equals(o) && p.New.Equals(n) && p.Range.End + 1 == piece.Start)
                {
                    pending = p with { Range = p.Range with { End = piece.End } };
                    continue;
                }
                if (pending is { } done)
                    yield return done;
                pending = (piece, o, n);
            }
            if (pending is { } last)
                yield return last;
        }
    }

    private static List<(IpRange Range, ConnectionSet Connections)> ExternalOf(ConnectivityReport report, Peer peer, bool outgoing)
    {
        var result = new List<(IpRange, ConnectionSet)>();
        foreach (var c in report.Connections)
        {
            var (self, other) = outgoing ? (c.Source, c.Destination) : (c.Destination, c.Source);
            if (self.Equals(peer) && other.IsExternal && report.Endpoints.TryGetValue(other, out var endpoints) && endpoints[0] is ExternalEndpoint e)
                result.Add((e.Range, c.Connections));
        }
        return result;
    }

    private static ConnectionSet Lookup(List<(IpRange Range, ConnectionSet Connections)> ranges, IpRange piece)
    {
        foreach (var (range, connections) in ranges)
        {
            if (range.Contains(piece))
                return connections;
        }
        return ConnectionSet.None;
    }
}
