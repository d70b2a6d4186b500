using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Palisade.Audit.Timeline;
using Palisade.Connectivity;
using Palisade.Connectivity.Reachability;
using Palisade.Kubernetes.Watch;
using Palisade.Model;
using Palisade.Server.Metrics;
using Palisade.Server.Storage;

namespace Palisade.Server.Watch;

/// <summary>
/// The live cluster the API answers from. Reflectors hand changes in from any thread (<see cref="IWatchSink"/>); one
/// applier task takes every change waiting, updates the objects and their bodies, rebuilds the cluster, follows it
/// with <see cref="IncrementalReachability"/> (a new one when Services, ingress routes or the cluster-scoped tiers
/// change), completes the report with a new <see cref="PolicyEngine"/>, records the change with what it opened and
/// closed, and swaps the new <see cref="LiveSnapshot"/> in. Thread safety: the applier alone writes; readers get
/// immutable snapshots through <see cref="Current"/> and <see cref="History"/>, swapped with volatile writes.
/// Nothing is built until every watched kind has been listed once, so start-up records no change.
/// </summary>
public sealed class LiveCluster : IWatchSink
{
    private const int MaxStates = 256;
    private readonly Channel<WatchChange> _inbox = Channel.CreateUnbounded<WatchChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<ObjectKey, WatchedObject> _objects = [];
    private readonly HashSet<string> _pendingKinds;
    private readonly SortedDictionary<string, string> _refused = new(StringComparer.Ordinal);
    private readonly ConnectivityOptions _options;
    private readonly IRecordStore? _store;
    private readonly ServerMetrics _metrics;
    private readonly EventFeed _feed;
    private readonly ILogger _logger;
    private readonly LinkedList<LiveChange> _recent = new();
    private ObjectStore _bodies = ObjectStore.Empty;
    private IncrementalReachability? _reachability;
    private LiveSnapshot? _current;
    private IReadOnlyList<LiveSnapshot> _history = [];
    private long _sequence;
    private long _version;
    private long _oldestWaiting = long.MaxValue;

    /// <summary>A live cluster for the kinds that will be watched.</summary>
    public LiveCluster(IEnumerable<string> kinds, ConnectivityOptions options, IRecordStore? store, ServerMetrics metrics, EventFeed feed, ILogger logger, long lastSequence = 0)
    {
        _pendingKinds = new HashSet<string>(kinds, StringComparer.Ordinal);
        _options = options;
        _store = store;
        _metrics = metrics;
        _feed = feed;
        _logger = logger;
        _sequence = lastSequence;
    }

    /// <summary>The state now; null until every kind has been listed.</summary>
    public LiveSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>The states kept, oldest first (the first valid since the beginning of time), the current one last.</summary>
    public IReadOnlyList<LiveSnapshot> History => Volatile.Read(ref _history);

    /// <summary>The last changes recorded, newest last, each with its full diff (older ones are in the store as JSON).</summary>
    public IReadOnlyList<LiveChange> RecentChanges
    {
        get
        {
            lock (_recent)
                return [.. _recent];
        }
    }

    /// <summary>When the oldest state kept began (the service's start, until states are dropped); earlier times cannot be answered.</summary>
    public DateTimeOffset HistoryStart { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>Tells when a snapshot is published (the posture runner starts its run).</summary>
    public event Action<LiveSnapshot>? Published;

    /// <summary>The state in force at the instant, if the history reaches back that far.</summary>
    public LiveSnapshot? At(DateTimeOffset time)
    {
        var history = History;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].From <= time || i == 0 && history[i].From == DateTimeOffset.MinValue)
                return history[i];
        }
        return null;
    }

    /// <inheritdoc />
    public void Apply(WatchChange change)
    {
        var ticks = change.Received.UtcTicks;
        if (Interlocked.Read(ref _oldestWaiting) > ticks)
            Interlocked.Exchange(ref _oldestWaiting, ticks);
        _inbox.Writer.TryWrite(change);
    }

    /// <inheritdoc />
    public void Note(string kind, string message) => _logger.LogWarning("watch {Kind}: {Message}", kind, message);

    /// <summary>Applies changes until cancelled. Changes that arrive together (within a few milliseconds) make one state.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new List<WatchChange>();
        try
        {
            while (await _inbox.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // A burst (kubectl apply of many objects, a relist) becomes one state, not one per object.
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
                Interlocked.Exchange(ref _oldestWaiting, long.MaxValue);
                while (_inbox.Reader.TryRead(out var change))
                    batch.Add(change);
                try
                {
                    await ApplyBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogError(e, "applying {Count} watch changes failed; the previous state stays in force", batch.Count);
                }
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>How long the oldest change not yet applied has waited (zero when none waits).</summary>
    public TimeSpan Lag
    {
        get
        {
            var oldest = Interlocked.Read(ref _oldestWaiting);
            return oldest == long.MaxValue ? TimeSpan.Zero : DateTimeOffset.UtcNow - new DateTimeOffset(oldest, TimeSpan.Zero);
        }
    }

    private async Task ApplyBatchAsync(List<WatchChange> batch, CancellationToken cancellationToken)
    {
        var touched = new List<ObjectTouch>();
        var networkChanged = false;
        var refusalsChanged = false;
        foreach (var change in batch)
        {
            _metrics.WatchEvents.WithLabels(change.Kind).Inc();
            foreach (var (verb, key) in Update(change))
            {
                touched.Add(new ObjectTouch(verb, key.ToString()));
                networkChanged |= NetworkKinds.Contains(key.Kind);
            }
            if (change.Type == WatchChangeType.Replaced)
            {
                // A refused kind counts as listed (with nothing, or what was read of it before): the service answers
                // without it, saying so, rather than never becoming ready.
                _pendingKinds.Remove(change.Kind);
                refusalsChanged |= change.Refused is { } reason ? _refused.TryAdd(change.Kind, reason) : _refused.Remove(change.Kind);
            }
        }
        if (_pendingKinds.Count > 0)
            return;
        var previous = Current;
        if (previous is not null && touched.Count == 0 && !refusalsChanged)
            return;
        var cluster = Build();
        if (cluster is null)
            return;
        var engine = new PolicyEngine(cluster.Network, _options);
        if (_reachability is null || previous is null || !SnapshotDelta.CanFollow(previous.Cluster.Network, cluster.Network))
            _reachability = new IncrementalReachability(cluster.Network, _options);
        else
            SnapshotDelta.Apply(_reachability, previous.Cluster.Network, cluster.Network);
        var report = _reachability.Report(engine);
        var now = DateTimeOffset.UtcNow;
        var cause = previous is null ? null : new ClusterChange(now, "", "watch", string.Join(", ", touched.Select(t => $"{t.Verb} {t.Object}")));
        var snapshot = new LiveSnapshot(++_version, previous is null ? DateTimeOffset.MinValue : now, cluster, engine, report, _bodies) { Cause = cause, Touched = touched, Refused = new Dictionary<string, string>(_refused, StringComparer.Ordinal) };
        Volatile.Write(ref _current, snapshot);
        var history = History.Count >= MaxStates ? History.Skip(History.Count - MaxStates + 1) : History;
        var kept = history.Append(snapshot).ToList();
        HistoryStart = previous is null ? now : kept.Count > 1 && History.Count >= MaxStates ? kept[0].From : HistoryStart;
        // The oldest state kept stands for everything before it. Copied only when it changes: detection knows states by
        // identity (its judges, and the flows waiting for a policy drop), so a new copy of an unchanged state at every
        // change would be a state it has never seen.
        if (kept[0].From != DateTimeOffset.MinValue)
            kept[0] = kept[0] with { From = DateTimeOffset.MinValue };
        Volatile.Write(ref _history, kept);
        Published?.Invoke(snapshot);
        if (previous is not null && networkChanged)
            await RecordAsync(previous, snapshot, touched, cancellationToken).ConfigureAwait(false);
    }

    private static readonly HashSet<string> NetworkKinds =
    [
        "NetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy", "Namespace", "Pod", "Service",
        "Endpoints", "EndpointSlice", "Node", "Ingress", "Route", "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "CronJob",
        "ReplicationController", "PeerAuthentication", "Gateway", "VirtualService", "Prometheus", "Alertmanager", "ThanosRuler",
    ];

    /// <summary>Updates the objects and bodies; returns what changed in the model (a body-only change, such as a status heartbeat, is not a change).</summary>
    private List<(string Verb, ObjectKey Key)> Update(WatchChange change)
    {
        var changed = new List<(string, ObjectKey)>();
        if (change.Refused is not null)
            return changed;
        if (change.Type == WatchChangeType.Replaced)
        {
            var listed = change.Objects.Select(o => o.Key).ToHashSet();
            foreach (var gone in _objects.Keys.Where(k => k.Kind == change.Kind && !listed.Contains(k)).ToArray())
                Remove(gone, changed);
            foreach (var o in change.Objects)
                Put(o, changed);
        }
        else if (change.Type == WatchChangeType.Upserted)
        {
            foreach (var o in change.Objects)
                Put(o, changed);
        }
        else
        {
            foreach (var o in change.Objects)
                Remove(o.Key, changed);
        }
        return changed;
    }

    private void Put(WatchedObject o, List<(string, ObjectKey)> changed)
    {
        if (o.Warning is not null)
            _logger.LogWarning("{Warning}", o.Warning);
        var had = _objects.TryGetValue(o.Key, out var old);
        _objects[o.Key] = o;
        _bodies = _bodies.Set(o.Key, o.Body);
        if (!had || !Equals(old!.Object?.Content, o.Object?.Content))
            changed.Add((had ? "modified" : "added", o.Key));
    }

    private void Remove(ObjectKey key, List<(string, ObjectKey)> changed)
    {
        if (!_objects.Remove(key))
            return;
        _bodies = _bodies.Set(key, null);
        changed.Add(("deleted", key));
    }

    /// <summary>The cluster of the objects now; null (the previous state stays) when the objects are inconsistent, such as two admin policies of one priority over a shared pod.</summary>
    private Cluster? Build()
    {
        var builder = new ClusterBuilder(DuplicateRule.KeepLater);
        foreach (var o in _objects.Values)
        {
            if (o.Object is { } mapped)
                builder.Add(mapped);
        }
        try
        {
            return builder.Build();
        }
        catch (InvalidInputException e)
        {
            _logger.LogError("the live cluster cannot be analysed, the previous state stays in force: {Message}", e.Message);
            return null;
        }
    }

    private async Task RecordAsync(LiveSnapshot before, LiveSnapshot after, List<ObjectTouch> touched, CancellationToken cancellationToken)
    {
        var report = before.DiffTo(after);
        var change = new LiveChange(++_sequence, after.From, touched, report);
        var json = ChangeJson.Write(change);
        // Stored first, then shown: a change that /api/v1/changes/{sequence} or the stream shows is in /api/v1/changes.
        if (_store is not null)
            await _store.AppendChangeAsync(new StoredChange(change.Sequence, change.Time, json), cancellationToken).ConfigureAwait(false);
        lock (_recent)
        {
            _recent.AddLast(change);
            if (_recent.Count > MaxStates)
                _recent.RemoveFirst();
        }
        _metrics.Changes.Inc();
        _feed.Publish(change.Sequence, json);
    }
}
