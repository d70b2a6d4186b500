namespace Palisade.Kubernetes.Watch;

/// <summary>
/// What the reflectors did, for metrics and tests: lists (first and after expiry), watch streams opened, streams
/// that ended by expiry (410), and failed requests or streams. Thread-safe: counters are updated with interlocked operations.
/// </summary>
public sealed class WatchStatistics
{
    private long _lists;
    private long _expired;
    private long _watches;
    private long _failures;

    /// <summary>Lists done, every kind together (one per kind at start, one more after each expiry).</summary>
    public long Lists => Interlocked.Read(ref _lists);

    /// <summary>Watches that ended with 410 Expired, in the stream or as the answer.</summary>
    public long Expired => Interlocked.Read(ref _expired);

    /// <summary>Watch streams opened; more than the kinds means streams were resumed from their last resourceVersion.</summary>
    public long Watches => Interlocked.Read(ref _watches);

    /// <summary>Requests or streams that failed (connection refused or dropped, errors other than 410).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    internal void Listed() => Interlocked.Increment(ref _lists);

    internal void ExpiredOnce() => Interlocked.Increment(ref _expired);

    internal void Watched() => Interlocked.Increment(ref _watches);

    internal void Failed() => Interlocked.Increment(ref _failures);
}
