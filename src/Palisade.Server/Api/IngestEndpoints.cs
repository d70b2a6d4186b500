using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Palisade.Flows;
using Palisade.Server.Ingestion;
using Palisade.Server.Storage;

namespace Palisade.Server.Api;

/// <summary>
/// <c>POST /api/v1/ingest/hubble</c>, <c>/api/v1/ingest/flows?format=vpc|gcp|csv</c> and <c>/api/v1/ingest/audit</c>:
/// the body is read within the limit (413), parsed whole (400, nothing stored), then committed; 202
/// <c>{"accepted": N, "duplicates": M}</c> only after the commit, 429 with <c>Retry-After</c> when the queue is full.
/// </summary>
public static class IngestEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app, ServerState state)
    {
        app.MapPost("/api/v1/ingest/hubble", context => Ingest(context, state, RecordKind.Flow, content => FlowBodyParser.Parse(content, FlowFormat.Hubble)));
        app.MapPost("/api/v1/ingest/flows", context =>
        {
            var name = context.Request.Query["format"].ToString();
            FlowFormat format = name.ToLowerInvariant() switch
            {
                "vpc" => FlowFormat.Vpc,
                "gcp" => FlowFormat.Gcp,
                "csv" => FlowFormat.Csv,
                "hubble" => FlowFormat.Hubble,
                _ => throw ApiProblem.BadRequest($"format: \"{name}\" is not one of vpc, gcp, csv, hubble"),
            };
            return Ingest(context, state, RecordKind.Flow, content => FlowBodyParser.Parse(content, format));
        });
        app.MapPost("/api/v1/ingest/audit", context => Ingest(context, state, RecordKind.Audit, AuditBodyParser.Parse));
    }

    private static async Task Ingest(HttpContext context, ServerState state, RecordKind kind, Func<byte[], IReadOnlyList<IngestRecord>> parse)
    {
        var kindLabel = kind == RecordKind.Flow ? "flow" : "audit";
        var gzip = context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        var content = await BodyReader.ReadAsync(context.Request.Body, gzip, state.Options.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        var records = parse(content);
        var outcome = await state.Ingestion.SubmitAsync(records, context.RequestAborted).ConfigureAwait(false);
        if (!outcome.Committed)
        {
            state.Metrics.Refused.WithLabels("429").Inc();
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(outcome.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ApiResults.Error(context, 429, "the ingestion queue is full; retry after the pause in Retry-After").ConfigureAwait(false);
            return;
        }
        state.Metrics.Ingested.WithLabels(kindLabel).Inc(outcome.Accepted);
        state.Metrics.Duplicates.WithLabels(kindLabel).Inc(outcome.Duplicates);
        await ApiResults.Json(context, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("accepted", outcome.Accepted);
            json.WriteNumber("duplicates", outcome.Duplicates);
            json.WriteEndObject();
        }, 202).ConfigureAwait(false);
    }
}
