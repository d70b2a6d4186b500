using Palisade.Net;

namespace Palisade.Connectivity.Diff;

/// <summary>
/// Compares two versions' connectivity in one pass over both sorted line streams, in time linear in their
/// lines. In-cluster pairs are matched by name. External ranges differ between versions (their ipBlocks
/// differ), so each in-cluster peer's external lines of one direction are gathered from both versions and
/// their partitions refined together once (<see cref="ExternalRefinement"/>).
/// </summary>
public static class ConnectivityDiffer
{
    /// <summary>The differences from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static ConnectivityDiff Compare(ConnectivityStream before, ConnectivityStream after) =>
        new(before, after, Entries(before, after, unchanged: false).ToArray());

    /// <summary>The differences between two reports.</summary>
    public static ConnectivityDiff Compare(ConnectivityReport before, ConnectivityReport after) =>
        Compare(ConnectivityStream.Of(before), ConnectivityStream.Of(after));

    /// <summary>The pairs that differ, and with <paramref name="unchanged"/> those that do not.</summary>
    internal static IEnumerable<ConnectionDiff> Entries(ConnectivityStream before, ConnectivityStream after, bool unchanged)
    {
        var beforePeers = before.Peers.Select(p => p.DisplayName).ToHashSet(StringComparer.Ordinal);
        var afterPeers = after.Peers.Select(p => p.DisplayName).ToHashSet(StringComparer.Ordinal);
        bool Appears(Peer p) => !p.IsExternal && beforePeers.Contains(p.DisplayName) != afterPeers.Contains(p.DisplayName);
        ConnectionDiff? Entry(Peer source, Peer destination, ConnectionSet old, ConnectionSet @new)
        {
            var kind = old.IsEmpty && @new.IsEmpty ? (DiffKind?)null
                : old.IsEmpty ? DiffKind.Added
                : @new.IsEmpty ? DiffKind.Removed
                : old.Equals(@new) ? DiffKind.Unchanged
                : DiffKind.Changed;
            return kind is { } k && (unchanged || k != DiffKind.Unchanged)
                ? new ConnectionDiff(k, source, destination, old, @new, Appears(source), Appears(destination))
                : null;
        }

        var outgoing = new ExternalRefinement(unchanged);
        Peer? current = null;
        var incoming = new Dictionary<string, (Peer Peer, ExternalRefinement Ranges)>(StringComparer.Ordinal);
        foreach (var (old, @new) in Merge(before.Connections, after.Connections))
        {
            var line = old ?? @new!;
            if (line.Source is ExternalPeer source)
            {
                if (!incoming.TryGetValue(line.Destination.DisplayName, out var into))
                    incoming[line.Destination.DisplayName] = into = (line.Destination, new ExternalRefinement(unchanged));
                into.Ranges.Add(source.Range, old?.Connections, @new?.Connections);
                continue;
            }
            if (current is null || current.DisplayName != line.Source.DisplayName)
            {
                foreach (var (range, o, n) in outgoing.Refine())
                {
                    if (Entry(current!, new ExternalPeer(range), o, n) is { } e)
                        yield return e;
                }
                current = line.Source;
            }
            if (line.Destination is ExternalPeer destination)
                outgoing.Add(destination.Range, old?.Connections, @new?.Connections);
            else if (Entry(line.Source, line.Destination, old?.Connections ?? ConnectionSet.None, @new?.Connections ?? ConnectionSet.None) is { } e)
                yield return e;
        }
        foreach (var (range, o, n) in outgoing.Refine())
        {
            if (Entry(current!, new ExternalPeer(range), o, n) is { } e)
                yield return e;
        }
        foreach (var (peer, ranges) in incoming.Values)
        {
            foreach (var (range, o, n) in ranges.Refine())
            {
                if (Entry(new ExternalPeer(range), peer, o, n) is { } e)
                    yield return e;
            }
        }
    }

    /// <summary>
    /// Two partitions of the external address space (ranges with their connections; an address in no range has
    /// none) refined together: the pieces where the old and the new connections are constant, adjacent pieces
    /// with the same pair merged into maximal ranges.
    /// </summary>
    public static IEnumerable<(IpRange Range, ConnectionSet Old, ConnectionSet New)> Refine(
        List<(IpRange Range, ConnectionSet Connections)> old, List<(IpRange Range, ConnectionSet Connections)> @new) =>
        ExternalRefinement.Of(old, @new);

    /// <summary>Both streams side by side: each pair once, with its line in each version (null where it has none).</summary>
    private static IEnumerable<(Connection? Old, Connection? New)> Merge(IEnumerable<Connection> before, IEnumerable<Connection> after)
    {
        using var old = before.GetEnumerator();
        using var @new = after.GetEnumerator();
        var hasOld = old.MoveNext();
        var hasNew = @new.MoveNext();
        while (hasOld || hasNew)
        {
            var order = !hasOld ? 1 : !hasNew ? -1 : Order(old.Current, @new.Current);
            yield return (order <= 0 ? old.Current : null, order >= 0 ? @new.Current : null);
            if (order <= 0)
                hasOld = old.MoveNext();
            if (order >= 0)
                hasNew = @new.MoveNext();
        }
    }

    private static int Order(Connection a, Connection b)
    {
        var bySource = string.CompareOrdinal(a.Source.DisplayName, b.Source.DisplayName);
        return bySource != 0 ? bySource : string.CompareOrdinal(a.Destination.DisplayName, b.Destination.DisplayName);
    }
}
