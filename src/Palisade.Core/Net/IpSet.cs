using System.Net;

namespace Palisade.Net;

/// <summary>
/// An immutable set of IP addresses of both families, held as sorted, disjoint, non-adjacent ranges.
/// </summary>
public sealed class IpSet
{
    /// <summary>The empty set.</summary>
    public static readonly IpSet Empty = new([]);

    private readonly IpRange[] _ranges;

    private IpSet(IpRange[] normalised) => _ranges = normalised;

    /// <summary>Builds a set from any ranges (overlapping or unsorted).</summary>
    public static IpSet Of(IEnumerable<IpRange> ranges)
    {
        var sorted = ranges.ToArray();
        Array.Sort(sorted);
        var merged = new List<IpRange>(sorted.Length);
        foreach (var r in sorted)
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                if (last.Family == r.Family && (r.Start <= last.End || r.Start == last.End + 1))
                {
                    if (r.End > last.End)
                        merged[^1] = last with { End = r.End };
                    continue;
                }
            }
            merged.Add(r);
        }
        return merged.Count == 0 ? Empty : new IpSet(merged.ToArray());
    }

    /// <summary>The ranges, sorted and disjoint.</summary>
    public IReadOnlyList<IpRange> Ranges => _ranges;

    /// <summary>Whether the set holds no address.</summary>
    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>This set less the other.</summary>
    public IpSet Except(IpSet other)
    {
        if (other.IsEmpty || IsEmpty)
            return this;
        var result = new List<IpRange>();
        foreach (var range in _ranges)
        {
            var pieces = new List<IpRange> { range };
            foreach (var cut in other._ranges)
            {
                if (cut.Family != range.Family)
                    continue;
                var next = new List<IpRange>(pieces.Count + 1);
                foreach (var p in pieces)
                {
                    if (cut.End < p.Start || cut.Start > p.End)
                    {
                        next.Add(p);
                        continue;
                    }
                    if (cut.Start > p.Start)
                        next.Add(p with { End = cut.Start - 1 });
                    if (cut.End < p.End)
                        next.Add(p with { Start = cut.End + 1 });
                }
                pieces = next;
            }
            result.AddRange(pieces);
        }
        return Of(result);
    }

    /// <summary>Whether the address is in the set.</summary>
    public bool Contains(IPAddress address)
    {
        foreach (var r in _ranges)
        {
            if (r.Contains(address))
                return true;
        }
        return false;
    }

    /// <summary>Whether the range lies wholly in the set.</summary>
    public bool Contains(IpRange range)
    {
        foreach (var r in _ranges)
        {
            if (r.Contains(range))
                return true;
        }
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(",", _ranges);
}
