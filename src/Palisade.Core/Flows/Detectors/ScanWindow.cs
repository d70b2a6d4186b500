namespace Palisade.Flows.Detectors;

/// <summary>
/// The distinct items (ports, destinations, names) one key touched within a sliding interval, with when each
/// was first and last seen. Items older than the interval are dropped only when the count reaches what the
/// caller asks about, so the common case (a key touching few items) costs one dictionary update; memory stays
/// below that count plus what one interval brings. Tolerates mildly out-of-order input: an item counts if seen
/// within the interval of the newest time. Not thread-safe.
/// </summary>
internal sealed class ScanWindow<T>(long windowTicks) where T : notnull
{
    private readonly Dictionary<T, Seen> _items = [];

    /// <summary>The newest time seen.</summary>
    public long Newest { get; private set; } = long.MinValue;

    /// <summary>The items within the interval, with their first time.</summary>
    public IEnumerable<(T Item, long First)> Items => _items.Select(p => (p.Key, p.Value.First));

    /// <summary>Adds an item seen at the time; whether at least <paramref name="threshold"/> items now fall within the interval.</summary>
    public bool Add(T item, long ticks, int threshold)
    {
        Newest = Math.Max(Newest, ticks);
        _items[item] = _items.TryGetValue(item, out var seen)
            ? new Seen(Math.Min(seen.First, ticks), Math.Max(seen.Last, ticks))
            : new Seen(ticks, ticks);
        if (_items.Count < threshold)
            return false;
        var limit = Newest - windowTicks;
        foreach (var (key, value) in _items)
        {
            if (value.Last < limit)
                _items.Remove(key);
        }
        return _items.Count >= threshold;
    }

    /// <summary>How many items are held (within the interval once <see cref="Add"/> said so).</summary>
    public int Count => _items.Count;

    private readonly record struct Seen(long First, long Last);
}
