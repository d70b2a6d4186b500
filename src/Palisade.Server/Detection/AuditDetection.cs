using System.Text;
using System.Text.Json;
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
/// unknown, as <c>audit</c> without <c>--cluster</c>. Not thread-safe: the detection worker alone uses it.
/// </summary>
internal sealed class AuditDetection(IReadOnlySet<string> trustedUsers, ConnectivityOptions options)
{
    private readonly AuditCheckContext _context = new(trustedUsers, new ChangeEvaluator(new ReplayModel(), options));
    private readonly IReadOnlyList<IAuditRule> _rules = AuditRuleCatalog.Create();
    private int _saved;

    /// <summary>The allowed writes read so far, by object: who made the changes the watch saw.</summary>
    public AuditWrites Writes { get; } = new();

    /// <summary>Runs the rules on one event.</summary>
    public void Observe(AuditEvent e, LiveCluster? live)
    {
        if (e.Stage == "RequestReceived" || !AuditReplay.IsRelevant(e))
            return;
        var before = live?.At(e.RequestReceived)?.Bodies;
        var request = new AuditReplay(before ?? ObjectStore.Empty, initialIsComplete: before is not null).Apply(e);
        if (!request.Applied)
            return;
        Writes.Add(request);
        foreach (var rule in _rules)
            rule.Observe(request, _context);
    }

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
