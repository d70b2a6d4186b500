using System.Net.Sockets;
using Palisade.Net;

namespace Palisade.Connectivity.Diff;

/// <summary>
/// One in-cluster peer's external lines of one direction in both versions, whose partitions differ: refined
/// together into the pieces that both tell apart, and adjacent pieces with the same (old, new) connections
/// merged into maximal ranges, as np-guard does. Refining empties it for the next peer. Unless the unchanged
/// pieces are asked for, a peer whose lines are the same in both versions is not refined: every piece would be
/// unchanged.
/// </summary>
internal sealed class ExternalRefinement(bool unchanged)
{
    private readonly List<(IpRange Range, ConnectionSet Connections)> _old = [];
    private readonly List<(IpRange Range, ConnectionSet Connections)> _new = [];
    private bool _differs;

    /// <summary>Two whole partitions refined together, every piece kept (unchanged ones too).</summary>
    public static IEnumerable<(IpRange Range, ConnectionSet Old, ConnectionSet New)> Of(
        List<(IpRange Range, ConnectionSet Connections)> old, List<(IpRange Range, ConnectionSet Connections)> @new)
    {
        var refinement = new ExternalRefinement(unchanged: true);
        refinement._old.AddRange(old);
        refinement._new.AddRange(@new);
        return refinement.Refine();
    }

    /// <summary>Adds a range's line in either version (null where that version has none).</summary>
    public void Add(IpRange range, ConnectionSet? old, ConnectionSet? @new)
    {
        if (old is not null)
            _old.Add((range, old));
        if (@new is not null)
            _new.Add((range, @new));
        _differs |= old is null || @new is null || !old.Equals(@new);
    }

    /// <summary>The maximal ranges with their connections in the old and the new version; then starts afresh.</summary>
    public IEnumerable<(IpRange Range, ConnectionSet Old, ConnectionSet New)> Refine()
    {
        var differs = _differs;
        _differs = false;
        if (!differs && !unchanged)
        {
            _old.Clear();
            _new.Clear();
        }
        if (_old.Count == 0 && _new.Count == 0)
            return [];
        _old.Sort((a, b) => a.Range.CompareTo(b.Range));
        _new.Sort((a, b) => a.Range.CompareTo(b.Range));
        var result = new List<(IpRange, ConnectionSet, ConnectionSet)>();
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
            Refine(family, result);
        _old.Clear();
        _new.Clear();
        return result;
    }

    private void Refine(AddressFamily family, List<(IpRange, ConnectionSet, ConnectionSet)> result)
    {
        var all = IpRange.All(family);
        var cuts = new List<UInt128>();
        foreach (var (range, _) in _old.Concat(_new))
        {
            if (range.Family != family)
                continue;
            cuts.Add(range.Start);
            if (range.End != all.End)
                cuts.Add(range.End + 1);
        }
        if (cuts.Count == 0)
            return;
        cuts.Add(0);
        cuts.Sort();
        var (oldAt, newAt) = (0, 0);
        (IpRange Range, ConnectionSet Old, ConnectionSet New)? pending = null;
        for (var i = 0; i < cuts.Count; i++)
        {
            if (i > 0 && cuts[i] == cuts[i - 1])
                continue;
            var next = i + 1;
            while (next < cuts.Count && cuts[next] == cuts[i])
                next++;
            var piece = new IpRange(family, cuts[i], next < cuts.Count ? cuts[next] - 1 : all.End);
            var o = Lookup(_old, piece, ref oldAt);
            var n = Lookup(_new, piece, ref newAt);
            if (pending is { } p && p.Old.Equals(o) && p.New.Equals(n) && p.Range.End + 1 == piece.Start)
            {
                pending = p with { Range = p.Range with { End = piece.End } };
                continue;
            }
            if (pending is { } done)
                result.Add(done);
            pending = (piece, o, n);
        }
        if (pending is { } last)
            result.Add(last);
    }

    /// <summary>The connections of the range holding the piece; <paramref name="at"/> walks the sorted ranges as pieces ascend.</summary>
    private static ConnectionSet Lookup(List<(IpRange Range, ConnectionSet Connections)> ranges, IpRange piece, ref int at)
    {
        while (at < ranges.Count && (ranges[at].Range.Family != piece.Family ? ranges[at].Range.Family < piece.Family : ranges[at].Range.End < piece.Start))
            at++;
        return at < ranges.Count && ranges[at].Range.Contains(piece) ? ranges[at].Connections : ConnectionSet.None;
    }
}
