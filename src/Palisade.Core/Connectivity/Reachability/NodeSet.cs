using System.Numerics;

namespace Palisade.Connectivity.Reachability;

/// <summary>
/// A growable set of node ids (identity classes and external ranges), one bit each, with the word-wise
/// operations the reachability rows are built from.
/// </summary>
internal sealed class NodeSet
{
    private ulong[] _words = [];

    /// <summary>The words; ids beyond their end are absent.</summary>
    public ulong[] Words => _words;

    /// <summary>Whether the id is in the set.</summary>
    public bool this[int id] => (id >> 6) < _words.Length && (_words[id >> 6] & (1UL << id)) != 0;

    /// <summary>Adds or removes the id.</summary>
    public void Assign(int id, bool present)
    {
        if (present)
        {
            if ((id >> 6) >= _words.Length)
                Array.Resize(ref _words, Math.Max((id >> 6) + 1, _words.Length * 2));
            _words[id >> 6] |= 1UL << id;
        }
        else if ((id >> 6) < _words.Length)
        {
            _words[id >> 6] &= ~(1UL << id);
        }
    }

    /// <summary><paramref name="target"/> |= <paramref name="source"/>, over the shorter length.</summary>
    public static void Or(Span<ulong> target, ReadOnlySpan<ulong> source)
    {
        var n = Math.Min(target.Length, source.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= n - Vector<ulong>.Count; i += Vector<ulong>.Count)
                (new Vector<ulong>(target[i..]) | new Vector<ulong>(source[i..])).CopyTo(target[i..]);
        }
        for (; i < n; i++)
            target[i] |= source[i];
    }

    /// <summary><paramref name="target"/> |= <paramref name="a"/> &amp; <paramref name="b"/>, over the shortest length.</summary>
    public static void OrAnd(Span<ulong> target, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var n = Math.Min(target.Length, Math.Min(a.Length, b.Length));
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= n - Vector<ulong>.Count; i += Vector<ulong>.Count)
                (new Vector<ulong>(target[i..]) | (new Vector<ulong>(a[i..]) & new Vector<ulong>(b[i..]))).CopyTo(target[i..]);
        }
        for (; i < n; i++)
            target[i] |= a[i] & b[i];
    }
}
