namespace Palisade.Flows.Detectors;

/// <summary>
/// The distinct items (ports, destinations, names) one key touched within a sliding interval, with when each
/// was last seen; items older than the interval are dropped as time moves on, so memory follows the rate,
/// not the total. Tolerates mildly out-of-order input: an item counts if seen within the interval of the
/// newest time. Not thread-safe.
/// </summary>
internal sealed class ScanWindow<T>(long windowTicks) where T : notnull
{
    private readonly Dictionary<T, Seen> _items = [];

    /// <summary>The newest time seen.</summary>
    public long Newest { get; private set; } = long.MinValue;

    /// <summary>The items within the interval.</summary>
    public int Count => _items.Count;

    /// <summary>The items within the interval, with their first time.</summary>
    public IEnumerable<(T Item, long First)> Items => _items.Select(p => (p.Key, p.Value.First));

    /// <summary>Adds an item seen at the time, then forgets items older than the interval.</summary>
    public void Add(T item, long ticks)
    {
        Newest = Math.Max(Newest, ticks);
        _items[item] = _items.TryGetValue(item, out var seen)
            ? new Seen(Math.Min(seen.First, ticks), Math.Max(seen.Last, ticks))
            : new Seen(ticks, ticks);
        if (_items.Count > 1)
            Expire();
    }

    private void Expire()
    {
        var limit = Newest - windowTicks;
        foreach (var (item, seen) in _items)
        {
            if (seen.Last < limit)
                _items.Remove(item);
        }
    }

    private readonly record struct Seen(long First, long Last);
}
