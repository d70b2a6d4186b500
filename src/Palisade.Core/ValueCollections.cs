namespace Palisade;

/// <summary>Wraps collections for records: <see cref="ValueList{T}"/> and <see cref="ValueMap{TKey, TValue}"/>.</summary>
public static class ValueCollections
{
    /// <summary>The items as a list compared element by element (the same list when it already is one).</summary>
    public static IReadOnlyList<T> List<T>(IEnumerable<T> items) => items as ValueList<T> ?? new ValueList<T>(items);

    /// <summary>The entries as a map compared entry by entry (the same map when it already is one).</summary>
    public static IReadOnlyDictionary<TKey, TValue> Map<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> entries) where TKey : notnull =>
        entries as ValueMap<TKey, TValue> ?? new ValueMap<TKey, TValue>(entries);
}
