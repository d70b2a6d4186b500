using Palisade.Audit.Timeline;
using Palisade.Model;
using Palisade.Server.Watch;

namespace Palisade.Server.Detection;

/// <summary>
/// The allowed writes of the audit events ingested, by object, so that a change the watch saw is named by the request
/// that made it: <c>flows check --audit</c> names the write (its time, user, verb and object), and the service's
/// <c>via-policy-change</c> alerts are those of the CLI on the same input. Bounded: the oldest writes go first. Not
/// thread-safe: the detection worker alone uses it.
/// </summary>
internal sealed class AuditWrites
{
    /// <summary>How long before the watch saw a change its request may have been received (the watch lags, the webhook batches).</summary>
    private static readonly TimeSpan Lookback = TimeSpan.FromMinutes(10);

    /// <summary>How far after the watch saw it a request's time may be: the API server's clock and the service's differ.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    private const int Capacity = 100_000;
    private readonly Dictionary<string, List<ClusterChange>> _byObject = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Grows with every write added, so that a reader knows when to look again.</summary>
    public long Version { get; private set; }

    /// <summary>Records the request's writes when it was applied (not failed, denied or a dry run).</summary>
    public void Add(ReplayedRequest request)
    {
        if (!request.Applied || request.Writes.Count == 0)
            return;
        var e = request.Event;
        var change = new ClusterChange(e.RequestReceived, e.User.Username, e.Verb, request.ObjectText) { TimeText = e.RequestReceivedText };
        foreach (var write in request.Writes)
        {
            var key = write.Key.ToString();
            if (!_byObject.TryGetValue(key, out var writes))
                _byObject[key] = writes = [];
            writes.Add(change);
            _order.Enqueue(key);
        }
        while (_order.Count > Capacity)
        {
            var oldest = _order.Dequeue();
            var writes = _byObject[oldest];
            writes.RemoveAt(0);
            if (writes.Count == 0)
                _byObject.Remove(oldest);
        }
        Version++;
    }

    /// <summary>
    /// The request behind a change the watch saw at <paramref name="seen"/> touching those objects: the latest write of
    /// one of them received up to then (within <see cref="Lookback"/>), else the first within <see cref="Skew"/> after;
    /// null when the audit log has none (yet).
    /// </summary>
    public ClusterChange? Resolve(DateTimeOffset seen, IReadOnlyList<ObjectTouch> touched) =>
        Resolve(seen, touched, derived: false) ?? Resolve(seen, touched, derived: true);

    /// <summary>
    /// Endpoints and EndpointSlices are written by their controllers after the change that moved them (a pod relabelled
    /// into a Service's selector), within the same watch batch: they name the change only when nothing else it touched was
    /// audited, as the CLI names the request after which the connection became allowed, not the controller's echo.
    /// </summary>
    private ClusterChange? Resolve(DateTimeOffset seen, IReadOnlyList<ObjectTouch> touched, bool derived)
    {
        ClusterChange? before = null, after = null;
        foreach (var touch in touched)
        {
            if (touch.IsDerived != derived || !_byObject.TryGetValue(touch.Object, out var writes))
                continue;
            foreach (var write in writes)
            {
                if (write.Time <= seen)
                {
                    if (write.Time >= seen - Lookback && (before is null || write.Time > before.Time))
                        before = write;
                }
                else if (write.Time <= seen + Skew && (after is null || write.Time < after.Time))
                {
                    after = write;
                }
            }
        }
        return before ?? after;
    }
}
