using System.Runtime.InteropServices;

namespace Palisade.Flows.Detectors;

/// <summary>
/// The distinct items (ports, destinations, names) one key touched within a sliding interval, with when each
/// was first and last seen. Items older than the interval are dropped only when the count reaches what the
/// caller asks about, so the common case (a key touching few items) costs one dictionary update; memory stays
/// below that count plus what one interval brings. Most keys only ever touch one item (a client and the one
/// port it talks to), so the first item is held in fields and the dictionary made for a second. Tolerates
/// mildly out-of-order input: an item counts if seen within the interval of the newest time; more, when the caller says
/// how far out of order its input may be. Items are told apart by <paramref name="comparer"/> when given (the
/// first instance of an item is the one kept). Not thread-safe.
/// </summary>
internal sealed class ScanWindow<T>(long windowTicks, IEqualityComparer<T>? comparer = null) where T : notnull
{
    private T _only = default!;
    private Seen _onlySeen;
    private bool _hasOnly;
    private Dictionary<T, Seen>? _items;

    /// <summary>The newest time seen.</summary>
    public long Newest { get; private set; } = long.MinValue;

    /// <summary>
    /// The items within the interval, with the first time and the latest end of their records and their connections, of
    /// their latest run (see <see cref="Widen"/>).
    /// </summary>
    public IEnumerable<(T Item, long First, long End, int Connections)> Items
    {
        get
        {
            if (_items is null)
                return _hasOnly ? [(_only, _onlySeen.RunFirst, _onlySeen.End, _onlySeen.Connections)] : [];
            return _items.Select(p => (p.Key, p.Value.RunFirst, p.Value.End, p.Value.Connections));
        }
    }

    /// <summary>How many items are held (within the interval once <see cref="Add"/> said so).</summary>
    public int Count => _items?.Count ?? (_hasOnly ? 1 : 0);

    /// <summary>
    /// Adds an item seen at the time (a record ending at <paramref name="endTicks"/>); whether at least <paramref name="threshold"/> items now fall within one interval.
    /// <paramref name="disorderTicks"/> is how far out of time order the input may be (aggregated logs list their capture
    /// windows out of order): items are kept that long beyond the interval, and a record older than the newest is
    /// checked against the intervals around its own time, which earlier items may fill. <paramref name="opens"/> says
    /// whether the record opens a connection (an item's first record counts one whatever it says).
    /// </summary>
    public bool Add(T item, long ticks, int threshold, long disorderTicks = 0, long endTicks = long.MinValue, bool opens = true)
    {
        var end = Math.Max(ticks, endTicks);
        Newest = Math.Max(Newest, ticks);
        if (_items is null && (!_hasOnly || Same(_only, item)))
        {
            _onlySeen = _hasOnly ? Widen(_onlySeen, ticks, end, opens, disorderTicks) : new Seen(ticks, ticks, end, ticks, 1);
            if (!_hasOnly)
                (_only, _hasOnly) = (item, true);
            if (threshold > 1)
                return false;
            _hasOnly = _onlySeen.Last >= Newest - windowTicks;
            return Count >= threshold;
        }
        if (_items is null)
        {
            _items = new Dictionary<T, Seen>(comparer) { [_only] = _onlySeen };
            (_only, _hasOnly) = (default!, false);
        }
        var existed = _items.TryGetValue(item, out var seen);
        _items[item] = existed ? Widen(seen, ticks, end, opens, disorderTicks) : new Seen(ticks, ticks, end, ticks, 1);
        if (_items.Count < threshold)
            return false;
        var limit = Newest - windowTicks;
        // A repeat the interval already counted, or one between the item's first and last times, tells nothing new (and
        // keys that hold many items, as they do while disorder keeps them, are mostly repeats).
        if (existed && seen.Last >= limit && ticks >= seen.First)
            return false;
        var kept = limit - disorderTicks;
        var within = 0;
        foreach (var (key, value) in _items)
        {
            if (value.Last < kept)
                _items.Remove(key);
            else if (value.Last >= limit)
                within++;
        }
        if (within >= threshold)
            return KeepOnly(limit, Newest);
        if (disorderTicks == 0 || ticks >= Newest || _items.Count < threshold)
            return false;
        // Out of order: the intervals that gained this item are those holding its time; each may start at its time less
        // the interval or at an item's sighting up to its time. Rare (a late record of a key that holds the threshold).
        foreach (var (_, start) in _items)
        {
            foreach (var from in (ReadOnlySpan<long>)[start.First, start.Last, ticks - windowTicks])
            {
                if (from >= ticks - windowTicks && from <= ticks && Within(from, from + windowTicks) >= threshold)
                    return KeepOnly(from, from + windowTicks);
            }
        }
        return false;
    }

    /// <summary>
    /// Marks the items held as joined to an alert (their connections are counted there, not again when the window fires
    /// anew) and returns when the latest interval that holds <paramref name="threshold"/> of them starts: a record up to an
    /// interval after it lies in one interval with a scan's worth of items.
    /// </summary>
    public long Join(int threshold)
    {
        if (_items is null)
        {
            _onlySeen = _onlySeen with { Connections = 0 };
            return _onlySeen.Last;
        }
        var lasts = new long[_items.Count];
        var i = 0;
        foreach (var (key, value) in _items)
        {
            lasts[i++] = value.Last;
            CollectionsMarshal.GetValueRefOrNullRef(_items, key) = value with { Connections = 0 };
        }
        Array.Sort(lasts);
        return lasts[Math.Max(0, lasts.Length - threshold)];
    }

    /// <summary>
    /// Holds an item whose record joined an alert already (counted there), for the intervals to come; neither counts nor
    /// drops items, so a scan's every probe costs one dictionary update: the next <see cref="Add"/> does that.
    /// </summary>
    public void Hold(T item, long ticks, long disorderTicks, long endTicks)
    {
        Add(item, ticks, int.MaxValue, disorderTicks, endTicks, opens: false);
        Joined(item);
    }

    /// <summary>Marks one item as joined to an alert: its record is counted there.</summary>
    public void Joined(T item)
    {
        if (_items is null)
            _onlySeen = _onlySeen with { Connections = 0 };
        else if (_items.ContainsKey(item))
            CollectionsMarshal.GetValueRefOrNullRef(_items, item) = _items[item] with { Connections = 0 };
    }

    // Without a comparer the default one is called directly, which the JIT devirtualises for value types.
    private bool Same(T held, T item) => comparer is null ? EqualityComparer<T>.Default.Equals(held, item) : comparer.Equals(held, item);

    private int Within(long from, long to)
    {
        var count = 0;
        foreach (var (_, value) in _items!)
        {
            if (value.First >= from && value.First <= to || value.Last >= from && value.Last <= to)
                count++;
        }
        return count;
    }

    /// <summary>
    /// Keeps the items seen within the interval that reached the threshold (they join the alert); true. An item whose run
    /// started after the interval (out-of-order input: a later sighting came first) joins from its first time.
    /// </summary>
    private bool KeepOnly(long from, long to)
    {
        foreach (var (key, value) in _items!)
        {
            if (!(value.First >= from && value.First <= to || value.Last >= from && value.Last <= to))
                _items.Remove(key);
            else if (value.RunFirst > to)
                CollectionsMarshal.GetValueRefOrNullRef(_items, key) = value with { RunFirst = value.First };
        }
        return true;
    }

    /// <summary>
    /// An item seen again. Its run (first time, latest end, connections: what an alert takes from it) restarts when it
    /// has lasted longer than an interval (a port the source uses all day), from its previous sighting when that lies
    /// within the interval, else from this one, so that an alert spans and counts the records of its interval rather than
    /// the day's: exact for sightings further apart than half the interval, else within an interval of it. Its first and
    /// last times, which place it in intervals, keep every sighting.
    /// </summary>
    private Seen Widen(Seen seen, long ticks, long end, bool opens, long disorderTicks)
    {
        var (first, last) = (Math.Min(seen.First, ticks), Math.Max(seen.Last, ticks));
        var opened = opens ? 1 : 0;
        if (ticks < seen.Last || ticks - seen.RunFirst <= windowTicks + disorderTicks)
            return new Seen(first, last, Math.Max(seen.End, end), Math.Min(seen.RunFirst, ticks), seen.Connections + opened);
        return seen.Last >= ticks - windowTicks
            ? new Seen(first, last, Math.Max(ticks, end), seen.Last, 1 + opened)
            : new Seen(first, last, end, ticks, 1);
    }

    /// <summary>
    /// An item's first and last time, the latest end of its records (aggregated records span an interval), and its latest
    /// run's first time and connections.
    /// </summary>
    private readonly record struct Seen(long First, long Last, long End, long RunFirst, int Connections);
}
