using Palisade.Audit.Timeline;
using Palisade.Model;

namespace Palisade.Server.Detection;

/// <summary>
/// What the replay remembers of an object beyond its body (<see cref="ObjectMemory"/>: what the patches of an object whose
/// body is unknown set, what each manager owns of it by server-side apply), kept between the requests the service
/// replays one by one, so that the same patch again is no new change, a later one is judged against what is known, and
/// an apply that drops a field removes it, as <c>audit</c> replays the whole log. Bounded: beyond
/// <see cref="Capacity"/> objects, the one set longest ago is forgotten (its next patch is judged from an unknown past, and
/// its next apply removes nothing, as before it was remembered). Not thread-safe: the detection worker alone uses it.
/// </summary>
internal sealed class ReplayMemory
{
    /// <summary>The objects remembered at most; most are objects a GitOps controller applies.</summary>
    public const int Capacity = 10_000;

    private readonly Dictionary<ObjectKey, (ObjectMemory Set, long Stamp)> _known = [];
    // Every set in order, with its stamp; an entry whose object was set again or forgotten since is stale and skipped.
    private readonly Queue<(ObjectKey Key, long Stamp)> _order = new();
    private long _stamp;

    /// <summary>The objects remembered.</summary>
    public int Count => _known.Count;

    /// <summary>What is known of the object, or null.</summary>
    public ObjectMemory? Get(ObjectKey key) => _known.TryGetValue(key, out var entry) ? entry.Set : null;

    /// <summary>Remembers what is known of the object, or forgets it when <paramref name="set"/> is null.</summary>
    public void Set(ObjectKey key, ObjectMemory? set)
    {
        if (set is null)
        {
            _known.Remove(key);
            return;
        }
        _known[key] = (set, ++_stamp);
        _order.Enqueue((key, _stamp));
        while (_known.Count > Capacity)
        {
            var (oldest, stamp) = _order.Dequeue();
            if (Current(oldest, stamp))
                _known.Remove(oldest);
        }
        // Objects set again and again leave stale entries behind: dropped once they outnumber the live ones.
        if (_order.Count > 2 * Capacity)
        {
            for (var n = _order.Count; n > 0; n--)
            {
                var entry = _order.Dequeue();
                if (Current(entry.Key, entry.Stamp))
                    _order.Enqueue(entry);
            }
        }
    }

    private bool Current(ObjectKey key, long stamp) => _known.TryGetValue(key, out var entry) && entry.Stamp == stamp;
}
