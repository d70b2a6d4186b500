namespace Palisade.Flows.Formats;

/// <summary>
/// A fixed-size, direct-mapped cache from short byte strings (UTF-8 text, raw JSON) to values, so that the
/// same namespace, label or endpoint object seen a million times is decoded once. A new key simply evicts
/// the one in its slot: memory stays bounded whatever the input, and hostile keys only cost cache misses.
/// Not thread-safe.
/// </summary>
internal sealed class ByteKeyCache<T>(int slots, int maxKeyLength) where T : class
{
    private readonly Entry[] _entries = new Entry[CheckedPowerOfTwo(slots)];

    /// <summary>The cached value for <paramref name="key"/>, if it is in its slot.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, out T value)
    {
        value = null!;
        if (key.Length > maxKeyLength)
            return false;
        var hash = Hash(key);
        ref var entry = ref _entries[hash & (_entries.Length - 1)];
        if (entry.Hash != hash || entry.Key is null || !key.SequenceEqual(entry.Key))
            return false;
        value = entry.Value!;
        return true;
    }

    /// <summary>Caches <paramref name="value"/> for <paramref name="key"/>, evicting whatever held the slot.</summary>
    public void Set(ReadOnlySpan<byte> key, T value)
    {
        if (key.Length > maxKeyLength)
            return;
        var hash = Hash(key);
        _entries[hash & (_entries.Length - 1)] = new Entry(hash, key.ToArray(), value);
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = new HashCode();
        hash.AddBytes(key);
        return hash.ToHashCode();
    }

    private static int CheckedPowerOfTwo(int slots)
    {
        if (slots <= 0 || (slots & (slots - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "must be a power of two");
        return slots;
    }

    private readonly record struct Entry(int Hash, byte[]? Key, T? Value);
}
