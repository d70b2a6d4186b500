using System.Text;

namespace Palisade.Net;

/// <summary>
/// An immutable set of port numbers in 1–65535, held as sorted, disjoint, non-adjacent inclusive ranges.
/// </summary>
public sealed class PortSet : IEquatable<PortSet>
{
    /// <summary>The lowest port.</summary>
    public const int MinPort = 1;

    /// <summary>The highest port.</summary>
    public const int MaxPort = 65535;

    /// <summary>No port.</summary>
    public static readonly PortSet None = new([]);

    /// <summary>Every port.</summary>
    public static readonly PortSet All = new([(MinPort, MaxPort)]);

    private readonly (int Start, int End)[] _ranges;

    private PortSet((int Start, int End)[] normalised) => _ranges = normalised;

    /// <summary>The set of ports from <paramref name="start"/> to <paramref name="end"/> inclusive, clipped to 1–65535.</summary>
    public static PortSet Range(int start, int end)
    {
        start = Math.Max(start, MinPort);
        end = Math.Min(end, MaxPort);
        if (start > end)
            return None;
        return start == MinPort && end == MaxPort ? All : new PortSet([(start, end)]);
    }

    /// <summary>The set holding one port.</summary>
    public static PortSet Single(int port) => Range(port, port);

    /// <summary>The ranges, sorted and disjoint.</summary>
    public ReadOnlySpan<(int Start, int End)> Ranges => _ranges;

    /// <summary>Whether no port is in the set.</summary>
    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>Whether every port is in the set.</summary>
    public bool IsAll => _ranges.Length == 1 && _ranges[0] == (MinPort, MaxPort);

    /// <summary>Whether the port is in the set.</summary>
    public bool Contains(int port)
    {
        foreach (var (s, e) in _ranges)
        {
            if (port >= s && port <= e)
                return true;
        }
        return false;
    }

    /// <summary>The union of two sets.</summary>
    public PortSet Union(PortSet other)
    {
        if (other.IsEmpty || IsAll)
            return this;
        if (IsEmpty || other.IsAll)
            return other;
        var all = new (int Start, int End)[_ranges.Length + other._ranges.Length];
        _ranges.CopyTo(all, 0);
        other._ranges.CopyTo(all, _ranges.Length);
        Array.Sort(all);
        var merged = new List<(int Start, int End)>(all.Length);
        foreach (var r in all)
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End + 1)
            {
                if (r.End > merged[^1].End)
                    merged[^1] = (merged[^1].Start, r.End);
            }
            else
            {
                merged.Add(r);
            }
        }
        return Create(merged);
    }

    /// <summary>The intersection of two sets.</summary>
    public PortSet Intersect(PortSet other)
    {
        if (IsEmpty || other.IsAll)
            return this;
        if (other.IsEmpty || IsAll)
            return other;
        var result = new List<(int Start, int End)>();
        int i = 0, j = 0;
        while (i < _ranges.Length && j < other._ranges.Length)
        {
            var (s1, e1) = _ranges[i];
            var (s2, e2) = other._ranges[j];
            var s = Math.Max(s1, s2);
            var e = Math.Min(e1, e2);
            if (s <= e)
                result.Add((s, e));
            if (e1 < e2)
                i++;
            else
                j++;
        }
        return Create(result);
    }

    /// <summary>This set less the other.</summary>
    public PortSet Except(PortSet other) => Intersect(other.Complement());

    /// <summary>The ports not in this set.</summary>
    public PortSet Complement()
    {
        var result = new List<(int Start, int End)>();
        var next = MinPort;
        foreach (var (s, e) in _ranges)
        {
            if (s > next)
                result.Add((next, s - 1));
            next = e + 1;
        }
        if (next <= MaxPort)
            result.Add((next, MaxPort));
        return Create(result);
    }

    private static PortSet Create(List<(int Start, int End)> ranges)
    {
        if (ranges.Count == 0)
            return None;
        if (ranges.Count == 1 && ranges[0] == (MinPort, MaxPort))
            return All;
        return new PortSet(ranges.ToArray());
    }

    /// <inheritdoc />
    public bool Equals(PortSet? other) => other is not null && _ranges.AsSpan().SequenceEqual(other._ranges);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PortSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var r in _ranges)
            hash.Add(r);
        return hash.ToHashCode();
    }

    /// <summary>np-guard's rendering: <c>53</c>, <c>1-79,81-65535</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (s, e) in _ranges)
        {
            if (text.Length > 0)
                text.Append(',');
            text.Append(s);
            if (e != s)
                text.Append('-').Append(e);
        }
        return text.ToString();
    }
}
