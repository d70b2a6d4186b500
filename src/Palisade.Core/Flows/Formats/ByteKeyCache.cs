using System.Numerics;
using System.Runtime.InteropServices;

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

    /// <summary>
    /// A multiply-rotate hash over 8-byte words of the length, the first and the last 64 bytes: endpoint
    /// objects are hundreds of bytes, hashed on every record, and differ at both ends (ID, pod name); a
    /// collision only costs an eviction, since keys are compared in full.
    /// </summary>
    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = Mix((ulong)key.Length, key.Length > 128 ? key[..64] : key);
        if (key.Length > 128)
            hash = Mix(hash, key[^64..]);
        return (int)(hash ^ (hash >> 32));
    }

    private static ulong Mix(ulong hash, ReadOnlySpan<byte> bytes)
    {
        const ulong prime = 0x9E3779B97F4A7C15;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words)
            hash = BitOperations.RotateLeft((hash ^ word) * prime, 29);
        foreach (var b in bytes[(words.Length * sizeof(ulong))..])
            hash = BitOperations.RotateLeft((hash ^ b) * prime, 29);
        return hash;
    }

    private static int CheckedPowerOfTwo(int slots)
    {
        if (slots <= 0 || (slots & (slots - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "must be a power of two");
        return slots;
    }

    private readonly record struct Entry(int Hash, byte[]? Key, T? Value);
}
