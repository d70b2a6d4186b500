namespace Palisade.Net;

/// <summary>
/// An immutable set of small integers (pod indices) below a bound: the sorted members when they are few, one
/// bit per index when they are many, so that memory follows the smaller of the two.
/// </summary>
internal sealed class IndexSet
{
    private readonly int[]? _sorted;
    private readonly ulong[]? _words;

    /// <summary>The set of the members (ascending) below <paramref name="bound"/>.</summary>
    public IndexSet(List<int> ascending, int bound)
    {
        if (ascending.Count * 32L <= bound)
        {
            _sorted = ascending.ToArray();
            return;
        }
        _words = new ulong[(bound + 63) >> 6];
        foreach (var index in ascending)
            _words[index >> 6] |= 1UL << index;
    }

    /// <summary>Whether the index is in the set.</summary>
    public bool this[int index] => _words is { } words
        ? (words[index >> 6] & (1UL << index)) != 0
        : Array.BinarySearch(_sorted!, index) >= 0;

    /// <summary>Sets the members' bits in <paramref name="bits"/> (one bit per index, at least the bound's words).</summary>
    public void AddTo(ulong[] bits)
    {
        if (_words is { } words)
        {
            for (var i = 0; i < words.Length; i++)
                bits[i] |= words[i];
            return;
        }
        foreach (var index in _sorted!)
            bits[index >> 6] |= 1UL << index;
    }
}
