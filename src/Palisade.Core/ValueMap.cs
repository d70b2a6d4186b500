using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Palisade;

/// <summary>
/// An immutable dictionary compared entry by entry (values by their own equality), so that a record holding one
/// keeps value equality. Lookups go to the wrapped dictionary, with its comparer.
/// </summary>
public sealed class ValueMap<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> entries) : IReadOnlyDictionary<TKey, TValue>, IEquatable<ValueMap<TKey, TValue>>
    where TKey : notnull
{
    /// <inheritdoc />
    public int Count => entries.Count;

    /// <inheritdoc />
    public TValue this[TKey key] => entries[key];

    /// <inheritdoc />
    public IEnumerable<TKey> Keys => entries.Keys;

    /// <inheritdoc />
    public IEnumerable<TValue> Values => entries.Values;

    /// <inheritdoc />
    public bool ContainsKey(TKey key) => entries.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => entries.TryGetValue(key, out value);

    /// <inheritdoc />
    public bool Equals(ValueMap<TKey, TValue>? other) =>
        other is not null && (ReferenceEquals(this, other) || Count == other.Count &&
            entries.All(e => other.TryGetValue(e.Key, out var value) && EqualityComparer<TValue>.Default.Equals(e.Value, value)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueMap<TKey, TValue> other && Equals(other);

    /// <summary>Order-independent: the entries' hashes combined by exclusive or.</summary>
    public override int GetHashCode() => entries.Aggregate(0, (hash, e) => hash ^ HashCode.Combine(e.Key, e.Value));

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
