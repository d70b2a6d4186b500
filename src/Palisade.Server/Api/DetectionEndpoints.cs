using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Palisade.Flows;
using Palisade.Audit.Detectors;
using Palisade.Findings;
using Palisade.Flows.Detection;
using Palisade.Flows.Detectors;
using Palisade.Flows.Formats;
using Palisade.Input;
using Palisade.Model;
using Palisade.Reporting;
using Palisade.Server.Storage;
using Palisade.Server.Watch;

namespace Palisade.Server.Api;

/// <summary>
/// <c>/api/v1/alerts</c> (flows and audit together, in the detection contract), <c>/api/v1/alerts/stream</c> (each alert as a
/// server-sent event when it is stored: when it opens and each time it grows) and <c>/api/v1/flows</c> (stored flows, resolved and judged).
/// </summary>
public static class DetectionEndpoints
{
    private const int MaxAlerts = 10_000;

    /// <summary>Every flow detector and audit rule, in the detection contract's order.</summary>
    private static readonly IReadOnlyList<RuleInfo> Names =
        [.. DetectorCatalog.Create().Select(d => d.Info.Rule), .. AuditRuleCatalog.Create().Select(r => r.Info.Rule)];

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app, ServerState state)
    {
        app.MapRead("/api/v1/alerts", async context =>
        {
            Query.Only(context, "since", "detector", "rule", "limit", "after");
            var since = Query.Time(context, "since");
            var name = Name(context);
            var after = PageCursor.Read(context);
            var limit = Query.Int(context, "limit", MaxAlerts, 1, MaxAlerts);
            var alerts = await state.Store.AlertsAsync(since, name, after, limit, context.RequestAborted).ConfigureAwait(false);
            // As for flows: an empty page gives back its cursor, so a client polls for newer alerts from where it was.
            var next = alerts.Count > 0 ? RecordPosition.Of(alerts[^1]) : after;
            await ApiResults.Json(context, json =>
            {
                json.WriteStartObject();
                json.WriteStartArray("alerts");
                foreach (var alert in alerts)
                    json.WriteRawValue(alert.Json, skipInputValidation: true);
                json.WriteEndArray();
                WriteNext(json, next);
                json.WriteEndObject();
            }).ConfigureAwait(false);
        });
        Func<long, CancellationToken, Task<IReadOnlyList<FeedEvent>>> missed = (last, cancellationToken) => MissedAsync(state.Store, last, cancellationToken);
        app.MapGet("/api/v1/alerts/stream", context => EventStream.WriteAsync(context, state.Alerts, "alert", missed));
        app.MapRead("/api/v1/flows", async context =>
        {
            Query.Only(context, "since", "limit", "after");
            var since = Query.Time(context, "since");
            var after = PageCursor.Read(context);
            var limit = Query.Int(context, "limit", 100, 0, 10_000);
            var total = await state.Store.CountSinceAsync(RecordKind.Flow, since ?? DateTimeOffset.UnixEpoch, context.RequestAborted).ConfigureAwait(false);
            var stored = limit == 0 ? [] : await state.Store.RecordsSinceAsync(RecordKind.Flow, since, after, limit, context.RequestAborted).ConfigureAwait(false);
            var judged = Judge(stored, state.Live?.History ?? []);
            // An empty page gives back the cursor it was asked with, so a client polls for newer flows from where it was.
            var next = stored.Count > 0 ? RecordPosition.Of(stored[^1]) : after;
            await ApiResults.Json(context, json =>
            {
                json.WriteStartObject();
                json.WriteNumber("total", total);
                WriteNext(json, next);
                json.WriteStartArray("flows");
                foreach (var flow in judged)
                    flow(json);
                json.WriteEndArray();
                json.WriteEndObject();
            }).ConfigureAwait(false);
        });
    }

    /// <summary><c>"next"</c>: the cursor of the last one listed, null when nothing was listed and no cursor was given.</summary>
    private static void WriteNext(Utf8JsonWriter json, RecordPosition? next)
    {
        if (next is { } position)
            json.WriteString("next", PageCursor.Format(position));
        else
            json.WriteNull("next");
    }

    /// <summary>
    /// The alerts stored after a stream's last event id, from the store: it holds every version stored (the latest of each
    /// alert), also those stored before a restart or by another replica, which the feed in memory does not.
    /// </summary>
    private static async Task<IReadOnlyList<FeedEvent>> MissedAsync(IRecordStore store, long last, CancellationToken cancellationToken)
    {
        var missed = await store.AlertsAfterAsync(last, MaxAlerts, cancellationToken).ConfigureAwait(false);
        return [.. missed.Select(a => new FeedEvent(a.Sequence, a.Json))];
    }

    /// <summary>
    /// The detector or rule asked for by <c>detector=</c> (or <c>rule=</c>), by its name or id in any case, as its name;
    /// null when absent; an unknown one is 400 listing the names, since a typo would otherwise look like no alert.
    /// </summary>
    private static string? Name(HttpContext context)
    {
        var parameter = context.Request.Query["detector"].ToString().Length > 0 ? "detector" : "rule";
        var text = context.Request.Query[parameter].ToString();
        if (text.Length == 0)
            return null;
        return Names.FirstOrDefault(n => n.IsNamed(text))?.Name
            ?? throw ApiProblem.BadRequest($"{parameter}: \"{text}\" is not a detector or rule; one of {string.Join(", ", Names.Select(n => n.Name))}");
    }

    /// <summary>Each stored flow read again, its endpoints resolved at its time and judged by the policy then in force.</summary>
    private static List<Action<Utf8JsonWriter>> Judge(IReadOnlyList<StoredRecord> stored, IReadOnlyList<LiveSnapshot> history)
    {
        var states = history.Count == 0
            ? [new ClusterState(DateTimeOffset.MinValue, new Cluster(new NetworkSnapshot([], [], [])), null)]
            : history.Select(s => new ClusterState(s.From, s.Cluster, s.Cause)).ToList();
        var context = new FlowCheckContext(new ClusterHistory(states));
        var result = new List<Action<Utf8JsonWriter>>();
        foreach (var record in stored)
        {
            using var source = InputSource.FromStream("stored flow", new MemoryStream(record.Body));
            var diagnostics = new ReadDiagnostics();
            foreach (var flow in FlowReaders.For(Enum.Parse<FlowFormat>(record.Format, ignoreCase: true)).Read(source, diagnostics))
            {
                var index = context.History.IndexAt(flow.Time.UtcTicks);
                var src = context.Resolver.Source(flow, index);
                var dst = context.Resolver.Destination(flow, index);
                bool? allowed = src is { } s && dst is { } t ? context.Judge(index).Allows(s.Peer, t.Peer, flow.Protocol, t.Port) : null;
                result.Add(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("time", Rfc3339.Format(flow.Time));
                    json.WriteString("format", record.Format);
                    json.WriteString("src", src?.Peer.Name ?? flow.Source?.ToString() ?? "");
                    json.WriteString("dst", dst?.Peer.Name ?? flow.Destination?.ToString() ?? "");
                    json.WriteString("srcIP", flow.Source?.ToString());
                    json.WriteString("dstIP", flow.Destination?.ToString());
                    json.WriteString("protocol", FlowProtocols.Name(flow.Protocol));
                    if (dst?.Port is { } port)
                        json.WriteNumber("port", port);
                    else
                        json.WriteNull("port");
                    json.WriteString("verdict", flow.Verdict.ToString().ToUpperInvariant());
                    if (allowed is { } a)
                        json.WriteString("policy", a ? "allowed" : "denied");
                    else
                        json.WriteNull("policy");
                    json.WriteEndObject();
                });
            }
        }
        return result;
    }
}
