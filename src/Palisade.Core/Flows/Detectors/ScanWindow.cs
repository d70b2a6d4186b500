namespace Palisade.Flows.Detectors;

/// <summary>
/// The distinct items (ports, destinations, names) one key touched within a sliding interval, with when each
/// was first and last seen. Items older than the interval are dropped only when the count reaches what the
/// caller asks about, so the common case (a key touching few items) costs one dictionary update; memory stays
/// below that count plus what one interval brings. Most keys only ever touch one item (a client and the one
/// port it talks to), so the first item is held in fields and the dictionary made for a second. Tolerates
/// mildly out-of-order input: an item counts if seen within the interval of the newest time. Not thread-safe.
/// </summary>
internal sealed class ScanWindow<T>(long windowTicks) where T : notnull
{
    private T _only = default!;
    private Seen _onlySeen;
    private bool _hasOnly;
    private Dictionary<T, Seen>? _items;

    /// <summary>The newest time seen.</summary>
    public long Newest { get; private set; } = long.MinValue;

    /// <summary>The items within the interval, with their first time.</summary>
    public IEnumerable<(T Item, long First)> Items
    {
        get
        {
            if (_items is null)
                return _hasOnly ? [(_only, _onlySeen.First)] : [];
            return _items.Select(p => (p.Key, p.Value.First));
        }
    }

    /// <summary>How many items are held (within the interval once <see cref="Add"/> said so).</summary>
    public int Count => _items?.Count ?? (_hasOnly ? 1 : 0);

    /// <summary>Adds an item seen at the time; whether at least <paramref name="threshold"/> items now fall within the interval.</summary>
    public bool Add(T item, long ticks, int threshold)
    {
        Newest = Math.Max(Newest, ticks);
        if (_items is null && (!_hasOnly || EqualityComparer<T>.Default.Equals(_only, item)))
        {
            _onlySeen = _hasOnly ? Widen(_onlySeen, ticks) : new Seen(ticks, ticks);
            (_only, _hasOnly) = (item, true);
            if (threshold > 1)
                return false;
            _hasOnly = _onlySeen.Last >= Newest - windowTicks;
            return Count >= threshold;
        }
        if (_items is null)
        {
            _items = new Dictionary<T, Seen> { [_only] = _onlySeen };
            (_only, _hasOnly) = (default!, false);
        }
        _items[item] = _items.TryGetValue(item, out var seen) ? Widen(seen, ticks) : new Seen(ticks, ticks);
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

    private static Seen Widen(Seen seen, long ticks) => new(Math.Min(seen.First, ticks), Math.Max(seen.Last, ticks));

    private readonly record struct Seen(long First, long Last);
}
