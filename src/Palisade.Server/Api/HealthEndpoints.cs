using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Palisade.Kubernetes.Live;
using Prometheus;

namespace Palisade.Server.Api;

/// <summary>
/// <c>/healthz</c> (the process answers), <c>/readyz</c> (the store answers and, when a cluster is watched, every
/// kind has been listed or refused; the kinds refused are listed), both without authentication; <c>/metrics</c> (Prometheus text, authenticated).
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app, ServerState state)
    {
        app.MapRead("/healthz", context => ApiResults.Json(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "ok");
            json.WriteEndObject();
        }));
        app.MapRead("/readyz", async context =>
        {
            string? problem = null;
            try
            {
                await state.Store.SchemaVersionAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problem = $"the store does not answer: {e.Message}";
            }
            if (problem is null && state.Live is { Current: null })
                problem = "the cluster is still being listed";
            await ApiResults.Json(context, json =>
            {
                json.WriteStartObject();
                json.WriteString("status", problem is null ? "ready" : "not ready");
                if (problem is not null)
                    json.WriteString("reason", problem);
                if (state.Live?.Current is { Refused.Count: > 0 } snapshot)
                {
                    // Ready all the same: ingestion and the answers work, and a probe failing for ever would keep the
                    // audit webhook and the exporters out too. What is missing is said here and in the log.
                    json.WriteStartArray("refused");
                    foreach (var (kind, reason) in snapshot.Refused)
                    {
                        json.WriteStartObject();
                        json.WriteString("kind", kind);
                        json.WriteString("reason", reason);
                        json.WriteString("effect", PartialReadEffect.Of(kind).Consequence);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }, problem is null ? 200 : 503).ConfigureAwait(false);
        });
        app.MapRead("/metrics", async context =>
        {
            if (state.Live is { } live)
                state.Metrics.WatchLag.Set(live.Lag.TotalSeconds);
            if (state.Watch is { } watch)
            {
                state.Metrics.Relists.Set(watch.Statistics.Expired);
                state.Metrics.WatchFailures.Set(watch.Statistics.Failures);
            }
            state.Metrics.QueueDepth.Set(state.Ingestion.Pending);
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await state.Metrics.ExportAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
    }
}
