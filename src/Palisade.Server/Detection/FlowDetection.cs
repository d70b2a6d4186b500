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
/// time), and after each batch the alerts that opened or grew. Not thread-safe: the detection worker alone uses it.
/// </summary>
internal sealed class FlowDetection(FlowCheckOptions options, string epoch)
{
    private readonly Dictionary<AlertDraft, (long Count, long Last, int Ports)> _saved = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<LiveSnapshot, ClusterState> _states = new(ReferenceEqualityComparer.Instance);
    private FlowCheck? _check;
    private IReadOnlyList<LiveSnapshot>? _basis;

    /// <summary>Flows judged so far.</summary>
    public long Flows => _check?.Flows ?? 0;

    /// <summary>Runs the detectors on the records, judged against the live history (empty without a watched cluster).</summary>
    public void Observe(IEnumerable<FlowRecord> records, IReadOnlyList<LiveSnapshot> history)
    {
        var check = Check(history);
        foreach (var record in records)
            check.Observe(record);
    }

    private FlowCheck Check(IReadOnlyList<LiveSnapshot> history)
    {
        if (_check is not null && ReferenceEquals(history, _basis))
            return _check;
        var states = history.Count == 0
            ? [new ClusterState(DateTimeOffset.MinValue, new Cluster(new NetworkSnapshot([], [], [])), null)]
            : history.Select(State).ToList();
        var clusterHistory = new ClusterHistory(states);
        _check = _check is null
            ? new FlowCheck(new FlowCheckContext(clusterHistory, options), DetectorCatalog.Create())
            : _check.Continue(_check.Context.Extend(clusterHistory));
        _basis = history;
        foreach (var gone in _states.Keys.Where(s => !history.Contains(s)).ToArray())
            _states.Remove(gone);
        return _check;
    }

    private ClusterState State(LiveSnapshot snapshot)
    {
        if (!_states.TryGetValue(snapshot, out var state))
            _states[snapshot] = state = new ClusterState(snapshot.From, snapshot.Cluster, snapshot.Cause);
        return state;
    }

    /// <summary>The alerts that opened or changed since the last call, as stored alerts in the detection contract.</summary>
    public List<StoredAlert> Changed()
    {
        var changed = new List<StoredAlert>();
        if (_check is null)
            return changed;
        foreach (var draft in _check.Context.Alerts.Drafts)
        {
            var signature = (draft.Count, draft.Last, draft.Ports.Count);
            if (_saved.TryGetValue(draft, out var saved) && saved == signature)
                continue;
            _saved[draft] = signature;
            var alert = draft.ToAlert();
            var key = $"flow|{epoch}|{alert.Detector}|{alert.Source}|{alert.Destination}|{alert.Protocol}|{alert.Cause?.Time.UtcTicks}";
            changed.Add(new StoredAlert(key, alert.Detector, alert.Last, Json(alert)));
        }
        return changed;
    }

    private static string Json(FlowAlert alert)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            FlowAlertsJson.WriteAlert(json, alert);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
