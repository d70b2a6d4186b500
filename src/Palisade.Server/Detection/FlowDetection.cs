using System.Text;
using System.Text.Json;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Detectors;
using Palisade.Model;
using Palisade.Reporting.Flows;
using Palisade.Server.Storage;
using Palisade.Server.Watch;

namespace Palisade.Server.Detection;

/// <summary>
/// <c>flows check</c> on the committed stream: one check that goes on for the life of the process, its cluster history
/// the live cluster's states (extended as the cluster changes, so each flow is judged by the policy in force at its
/// time), and after each batch the alerts that opened or grew. Only alerts raised since the last batch are looked at,
/// and an alert that did not grow while the stream's flow time advanced <paramref name="alertIdle"/> is closed
/// (<see cref="AlertBook.Retire"/>), so the memory kept is bounded by the alerts of the last idle period, not by every
/// alert since the start. Each alert is stored under a key holding the time of the flow that opened it, so an alert
/// opened again after it closed is a new row. Not thread-safe: the detection worker alone uses it.
/// </summary>
internal sealed class FlowDetection(FlowCheckOptions options, string epoch, TimeSpan alertIdle)
{
    /// <summary>How far behind the newest record, in flow time, a record may arrive and still be taken in time order (as the 5 s a forward waits for its drop).</summary>
    public static readonly long Lateness = TimeSpan.FromSeconds(5).Ticks;

    private const int MaxWaiting = 1 << 18;
    private readonly Dictionary<AlertDraft, (long Count, long Last, int Ports, ClusterChange? Cause)> _saved = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AlertDraft, long> _opened = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<AlertDraft> _raised = new(ReferenceEqualityComparer.Instance);
    // The stream's flow time (_latest) when each open alert last grew: quiet is measured from there, not from the alert's
    // own last time, so an alert a lagging node's records keep growing is not closed for being older than another node's.
    private readonly Dictionary<AlertDraft, long> _grew = new(ReferenceEqualityComparer.Instance);
    private long _latest = long.MinValue;
    private readonly Dictionary<LiveSnapshot, ClusterState> _states = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ClusterChange, IReadOnlyList<ObjectTouch>> _touched = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<AlertDraft> _fromWatch = new(ReferenceEqualityComparer.Instance);
    private long _writesSeen = -1;
    private readonly PriorityQueue<FlowRecord, (long Ticks, long Sequence)> _waiting = new();
    private long _newest = long.MinValue;
    private long _sequence;
    private FlowCheck? _check;
    private IReadOnlyList<LiveSnapshot>? _basis;

    /// <summary>
    /// Takes the records of a batch, judged against the live history (empty without a watched cluster). They wait in
    /// <see cref="Lateness"/> of flow time and go to the detectors in time order, each batch's own order kept for equal
    /// times: the bodies of several exporters (one per node) are the files <c>flows check</c> reads side by side in time
    /// order, and a batch ends wherever a request did. So a connection's forward in one body and its policy drop at the
    /// next node in another meet as they happened, and a reply posted before its request does not pass for a connection.
    /// Forwarded records waiting for a drop are no longer let out at the end of each batch either; <see cref="Drain"/> does
    /// it when nothing new arrives.
    /// </summary>
    public void Observe(IEnumerable<FlowRecord> records, IReadOnlyList<LiveSnapshot> history)
    {
        var check = Check(history);
        foreach (var record in records)
        {
            var ticks = record.Time.UtcTicks;
            _newest = Math.Max(_newest, ticks);
            _waiting.Enqueue(record, (ticks, _sequence++));
        }
        // Past the bound (an exporter whose clock stands far behind the others), the oldest go, so memory stays bounded.
        while (_waiting.TryPeek(out var record, out var at) && (at.Ticks < _newest - Lateness || _waiting.Count > MaxWaiting))
        {
            _waiting.Dequeue();
            check.Observe(record);
        }
        Pending = true;
    }

    /// <summary>
    /// Whether records may still wait (in the reordering window, or as forwards waiting for a policy drop): the worker
    /// calls <see cref="Drain"/> once nothing new has arrived for a while.
    /// </summary>
    public bool Pending { get; private set; }

    /// <summary>Runs the detectors on every waiting record: the service received nothing new, as a file's end in <c>flows check</c>.</summary>
    public void Drain(IReadOnlyList<LiveSnapshot> history)
    {
        var check = Check(history);
        while (_waiting.TryDequeue(out var record, out _))
            check.Observe(record);
        check.Flush();
        Pending = false;
        // A record stamped far ahead (a node's clock) would otherwise end the time ordering for the life of the process.
        _newest = long.MinValue;
    }

    private FlowCheck Check(IReadOnlyList<LiveSnapshot> history)
    {
        if (_check is not null && ReferenceEquals(history, _basis))
            return _check;
        // States that left the history go first: a state kept in its place may carry the same cause (LiveCluster copies
        // its oldest state when the history is full), whose objects State then records again.
        foreach (var gone in _states.Keys.Where(s => !history.Contains(s)).ToArray())
        {
            _states.Remove(gone);
            if (gone.Cause is { } cause)
                _touched.Remove(cause);
        }
        var states = history.Count == 0
            ? [new ClusterState(DateTimeOffset.MinValue, new Cluster(new NetworkSnapshot([], [], [])), null)]
            : history.Select(State).ToList();
        var clusterHistory = new ClusterHistory(states);
        if (_check is null)
        {
            _check = new FlowCheck(new FlowCheckContext(clusterHistory, options), DetectorCatalog.Create());
            _check.Context.Alerts.Raised += draft => _raised.Add(draft);
        }
        else
        {
            _check = _check.Continue(_check.Context.Extend(clusterHistory));
        }
        _basis = history;
        return _check;
    }

    private ClusterState State(LiveSnapshot snapshot)
    {
        if (!_states.TryGetValue(snapshot, out var state))
        {
            _states[snapshot] = state = new ClusterState(snapshot.From, snapshot.Cluster, snapshot.Cause);
            if (snapshot.Cause is { } cause)
                _touched[cause] = snapshot.Touched;
        }
        return state;
    }

    /// <summary>
    /// The alerts that opened or changed since the last call, as stored alerts in the detection contract. A cause the
    /// watch saw is named by the audited request that made it when <paramref name="writes"/> has it (<c>flows check
    /// --audit</c> names the write); the webhook may deliver it after the flows, so such an alert is looked at again
    /// whenever new writes came, and stored again (same key) once its request is known.
    /// </summary>
    public List<StoredAlert> Changed(AuditWrites? writes = null)
    {
        var changed = new List<StoredAlert>();
        if (_check is null)
            return changed;
        foreach (var draft in _raised)
            _latest = Math.Max(_latest, draft.Last);
        foreach (var draft in _raised)
            _grew[draft] = _latest;
        if (writes is not null && writes.Version != _writesSeen)
        {
            _writesSeen = writes.Version;
            _raised.UnionWith(_fromWatch);
        }
        foreach (var draft in _raised)
        {
            var cause = draft.Cause;
            if (cause is not null && _touched.TryGetValue(cause, out var touched))
            {
                // Looked at again whenever writes come, even once named: the webhook may deliver a later write of the
                // same object (the one that made the change) after an earlier one was taken.
                cause = writes?.Resolve(cause.Time, touched) ?? AsSeen(cause, touched);
                _fromWatch.Add(draft);
            }
            else if (cause is not null && _saved.TryGetValue(draft, out var named) && named.Cause is { } known)
            {
                // The state that told what the change touched has left the history: the cause stays as it was named.
                cause = known;
                _fromWatch.Remove(draft);
            }
            var signature = (draft.Count, draft.Last, draft.Ports.Count, cause);
            if (_saved.TryGetValue(draft, out var saved) && saved == signature)
                continue;
            _saved[draft] = signature;
            if (!_opened.TryGetValue(draft, out var opened))
                _opened[draft] = opened = draft.First;
            var alert = (cause is null || ReferenceEquals(cause, draft.Cause) ? draft : draft.WithCause(cause)).ToAlert();
            // Keyed by the state's own cause, so that naming its request later replaces the row.
            var key = $"flow|{epoch}|{alert.Detector}|{alert.Source}|{alert.Destination}|{alert.Protocol}|{draft.Cause?.Time.UtcTicks}|{opened}";
            changed.Add(new StoredAlert(key, alert.Detector, alert.Last, Json(alert)));
        }
        _raised.Clear();
        if (_latest > DateTimeOffset.MinValue.UtcTicks + alertIdle.Ticks)
        {
            var quietBefore = _latest - alertIdle.Ticks;
            foreach (var closed in _check.Context.Alerts.Retire(draft => _grew.GetValueOrDefault(draft, long.MaxValue) < quietBefore))
            {
                _grew.Remove(closed);
                _saved.Remove(closed);
                _opened.Remove(closed);
                _fromWatch.Remove(closed);
            }
        }
        return changed;
    }

    /// <summary>
    /// A change no audited request names yet, in the contract's shape: the watch's time, no user, the API verb of what the
    /// watch saw (added, modified, deleted: create, update, delete) and one object as <c>Kind ns/name</c>, the first that is
    /// not an Endpoints or EndpointSlice its controller rewrote along.
    /// </summary>
    private static ClusterChange AsSeen(ClusterChange watch, IReadOnlyList<ObjectTouch> touched)
    {
        if (touched.Count == 0)
            return watch;
        var touch = touched.FirstOrDefault(t => !t.IsDerived) ?? touched[0];
        var verb = touch.Verb switch { "added" => "create", "deleted" => "delete", _ => "update" };
        return new ClusterChange(watch.Time, "", verb, touch.Object);
    }

    /// <summary>Flow alerts open: raised within the idle period, so kept in memory.</summary>
    public int OpenAlerts => _check?.Context.Alerts.Drafts.Count() ?? 0;

    private static string Json(FlowAlert alert)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            FlowAlertsJson.WriteAlert(json, alert);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
