namespace Palisade.Net;

/// <summary>A fixed-size set of small integers (pod indices), one bit each.</summary>
internal sealed class Bitset(int size)
{
    private readonly ulong[] _words = new ulong[(size + 63) / 64];

    /// <summary>Adds the index.</summary>
    public void Set(int index) => _words[index >> 6] |= 1UL << (index & 63);

    /// <summary>Whether the index is in the set.</summary>
    public bool this[int index] => (_words[index >> 6] & (1UL << (index & 63))) != 0;
}
