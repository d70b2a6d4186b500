using System.Diagnostics.CodeAnalysis;

namespace Palisade.Audit.Events;

/// <summary>
/// A fixed-size, direct-mapped cache from UTF-8 bytes to what was built from them (strings, users, object
/// references): audit logs repeat the same verbs, users and annotations millions of times, and sharing one
/// immutable instance saves both the parsing and the memory. A collision simply replaces the slot, so the
/// cache never grows. Not thread-safe.
/// </summary>
internal sealed class Utf8Cache<T>
    where T : class
{
    private readonly byte[]?[] _keys;
    private readonly T?[] _values;
    private readonly int _maxKeyBytes;

    /// <summary>A cache of <paramref name="slots"/> entries (a power of two) for keys up to <paramref name="maxKeyBytes"/>.</summary>
    public Utf8Cache(int slots, int maxKeyBytes)
    {
        if (!int.IsPow2(slots))
            throw new ArgumentOutOfRangeException(nameof(slots), "must be a power of two");
        _keys = new byte[slots][];
        _values = new T[slots];
        _maxKeyBytes = maxKeyBytes;
    }

    /// <summary>The cached value for <paramref name="key"/>; otherwise the slot to <see cref="Set"/> (-1 when the key is too long to cache).</summary>
    public bool TryGet(ReadOnlySpan<byte> key, out int slot, [NotNullWhen(true)] out T? value)
    {
        value = null;
        if (key.Length > _maxKeyBytes)
        {
            slot = -1;
            return false;
        }
        var hash = new HashCode();
        hash.AddBytes(key);
        slot = hash.ToHashCode() & (_keys.Length - 1);
        if (_keys[slot] is { } cached && key.SequenceEqual(cached))
            value = _values[slot];
        return value is not null;
    }

    /// <summary>Caches <paramref name="value"/> for <paramref name="key"/> in the slot <see cref="TryGet"/> gave.</summary>
    public void Set(int slot, ReadOnlySpan<byte> key, T value)
    {
        if (slot < 0)
            return;
        _keys[slot] = key.ToArray();
        _values[slot] = value;
    }
}
