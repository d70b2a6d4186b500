using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Palisade.Audit.Detection;
using Palisade.Audit.Detectors;
using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Connectivity;
using Palisade.Kubernetes.Replay;
using Palisade.Reporting.Audit;
using Palisade.Server.Storage;
using Palisade.Server.Watch;

namespace Palisade.Server.Detection;

/// <summary>
/// <c>audit</c> on the committed stream. Each request is replayed onto the live cluster as it stood when the request
/// was received (the watch's state then, so a deletion's <c>opened</c> compares the cluster with and without the
/// object), and every rule runs on it; one alert per rule and auditID. The RequestReceived stage is skipped: the
/// outcome is not known yet (the recommended audit policy omits it). Without a watched cluster, state starts
/// unknown and every request is replayed onto what the earlier ones wrote, as <c>audit</c> without <c>--cluster</c> replays its log. The watch shows a write some milliseconds after the API server
/// took it, so the watch's state at a request's time may lack the writes just before it: the allowed writes of the
/// last 30 s the state does not show yet (its object absent or older by resourceVersion, or, without one, the write
/// after the state began) are applied onto it first, as <c>audit</c> applies every earlier write of the log. Not thread-safe:
/// the detection worker alone uses it.
/// </summary>
internal sealed class AuditDetection(IReadOnlySet<string> trustedUsers, ConnectivityOptions options)
{
    private readonly AuditCheckContext _context = new(trustedUsers, new ChangeEvaluator(new ReplayModel(), options));
    private readonly IReadOnlyList<IAuditRule> _rules = AuditRuleCatalog.Create();
    private static readonly TimeSpan UnseenWindow = TimeSpan.FromSeconds(30);
    private const int UnseenCapacity = 100_000;
    private readonly Queue<(DateTimeOffset Time, ObjectWrite Write)> _recent = new();
    private int _saved;
    private readonly ReplayMemory _remembered = new();
    // Without a watched cluster (--no-watch), the one replay of every request, as audit without --cluster replays its log.
    private AuditReplay? _unwatched;

    /// <summary>The allowed writes read so far, by object: who made the changes the watch saw.</summary>
    public AuditWrites Writes { get; } = new();

    /// <summary>Runs the rules on one event.</summary>
    public void Observe(AuditEvent e, LiveCluster? live)
    {
        if (e.Stage == "RequestReceived" || !AuditReplay.IsRelevant(e))
            return;
        // A client may send the id of an earlier request (the API server takes its Audit-ID header): one alert per request
        // is one per request key, not per id.
        e = e.WithAuditId(e.RequestKey);
        var state = live?.At(e.RequestReceived);
        var before = state is null ? null : WithUnseen(state, e.RequestReceived);
        if (before is not null && e.RequestReceived < live!.HistoryStart)
            before = WithoutOwnCreate(before, e);
        var request = live is null ? (_unwatched ??= new AuditReplay(ObjectStore.Empty, initialIsComplete: false)).Apply(e) : Replay(e, before);
        if (!request.Applied)
            return;
        Writes.Add(request);
        Remember(e.RequestReceived, request);
        foreach (var rule in _rules)
            rule.Observe(request, _context);
    }

    /// <summary>
    /// Replays the request alone onto the state before it, with what earlier patches of its object set when its body is
    /// unknown and what its managers applied to it (<see cref="ReplayMemory"/>), and keeps what the request leaves of that for
    /// the objects it wrote.
    /// </summary>
    private ReplayedRequest Replay(AuditEvent e, ObjectStore? before)
    {
        var replay = new AuditReplay(before ?? ObjectStore.Empty, initialIsComplete: before is not null);
        if (AuditReplay.Name(e).Key is { } key && _remembered.Get(key) is { } memory)
            replay.Remember(key, memory);
        var request = replay.Apply(e);
        foreach (var write in request.Writes)
            _remembered.Set(write.Key, replay.MemoryOf(write.Key));
        return request;
    }

    private void Remember(DateTimeOffset time, ReplayedRequest request)
    {
        foreach (var write in request.Writes)
        {
            if (write.AfterKnown)
                _recent.Enqueue((time, write));
        }
        while (_recent.Count > 0 && (_recent.Peek().Time < time - UnseenWindow || _recent.Count > UnseenCapacity))
            _recent.Dequeue();
    }

    /// <summary>The state's bodies with the recent writes up to <paramref name="time"/> that it does not show yet, in the order they were read.</summary>
    private ObjectStore WithUnseen(LiveSnapshot state, DateTimeOffset time)
    {
        var bodies = state.Bodies;
        foreach (var (written, write) in _recent)
        {
            if (written > time || written < time - UnseenWindow || Shown(state, state.Bodies.Get(write.Key), written, write))
                continue;
            bodies = bodies.Set(write.Key, write.After?.DeepClone());
        }
        return bodies;
    }

    /// <summary>
    /// A create older than the first state kept (a webhook batch sent again after the service restarted) finds its object
    /// in that state, listed after it: before the request the object was not there, so it is taken out when the state
    /// holds the very version the create made, or a newer one.
    /// </summary>
    private static ObjectStore WithoutOwnCreate(ObjectStore before, AuditEvent e)
    {
        if (e.Verb != "create" || AuditReplay.Name(e).Key is not { } key || before.Get(key) is not { } listed)
            return before;
        var made = e.ResponseObject is { ValueKind: JsonValueKind.Object } response && response.TryGetProperty("metadata", out var metadata)
            && metadata.TryGetProperty("resourceVersion", out var version) && version.ValueKind == JsonValueKind.String
            ? Revision(version.GetString()) : null;
        return made is { } created && ResourceVersion(listed) is { } seen && seen >= created ? before.Set(key, null) : before;
    }

    /// <summary>Whether the watch's body of the object already reflects the write: by resourceVersion when both have one, else by time.</summary>
    private static bool Shown(LiveSnapshot state, JsonNode? watched, DateTimeOffset written, ObjectWrite write)
    {
        if (write.Deleted)
        {
            if (watched is null)
                return true;
            return ResourceVersion(watched) is { } kept && ResourceVersion(write.Before) is { } removed ? kept > removed : written <= state.From;
        }
        // Absent from the state: not shown yet (a later delete, audited too, removes it again).
        if (watched is null)
            return false;
        if (ResourceVersion(watched) is { } seen && ResourceVersion(write.After) is { } made)
        {
            // A body taken from the request (Request level: an update's requestObject, a patch applied to the body before)
            // carries the version the object had before the write, not the one the write made: only a newer one shows it.
            return ResourceVersion(write.Before) is { } had && made <= had ? seen > had : seen >= made;
        }
        return written <= state.From;
    }

    /// <summary>
    /// The object's resourceVersion as a number. Kubernetes calls it opaque, but every server backed by etcd gives its
    /// modification revision, which grows with every write; anything else is not compared.
    /// </summary>
    private static ulong? ResourceVersion(JsonNode? body) =>
        body?["metadata"]?["resourceVersion"] is JsonValue value && value.TryGetValue<string>(out var text) ? Revision(text) : null;

    private static ulong? Revision(string? text) =>
        ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The alerts raised since the last call.</summary>
    public List<StoredAlert> Changed()
    {
        var alerts = _context.Alerts;
        var changed = new List<StoredAlert>();
        for (; _saved < alerts.Count; _saved++)
        {
            var alert = alerts[_saved];
            changed.Add(new StoredAlert($"audit|{alert.Rule}|{alert.AuditId}", alert.Rule, alert.Time, Json(alert)));
        }
        return changed;
    }

    private static string Json(AuditAlert alert)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            AuditAlertsJson.WriteAlert(json, alert);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
