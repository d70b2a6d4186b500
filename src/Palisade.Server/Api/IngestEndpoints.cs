using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Palisade.Flows;
using Palisade.Server.Ingestion;
using Palisade.Server.Storage;

namespace Palisade.Server.Api;

/// <summary>
/// <c>POST /api/v1/ingest/hubble</c>, <c>/api/v1/ingest/flows?format=vpc|gcp|csv</c> and <c>/api/v1/ingest/audit</c>:
/// the body is read within the limit (413; plain or gzip, any other Content-Encoding 415, a multipart upload 415), parsed
/// (400, nothing stored; an audit batch's bad items are refused alone), then committed; 202
/// <c>{"accepted": N, "duplicates": M, "rejected": R}</c> only after the commit, 429 with <c>Retry-After</c> when the queue is full.
/// </summary>
public static class IngestEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app, ServerState state, ILogger logger)
    {
        // No check of unknown parameters here: senders add their own (the API server's audit webhook, through client-go, adds timeout=).
        app.MapPost("/api/v1/ingest/hubble", context => Ingest(context, state, logger, RecordKind.Flow, content => new ParsedBody(FlowBodyParser.Parse(content, FlowFormat.Hubble))));
        app.MapPost("/api/v1/ingest/flows", context =>
        {
            var name = context.Request.Query["format"].ToString();
            if (name.Length == 0)
                throw ApiProblem.BadRequest("format is required: vpc, gcp, csv or hubble");
            FlowFormat format = name.ToLowerInvariant() switch
            {
                "vpc" => FlowFormat.Vpc,
                "gcp" => FlowFormat.Gcp,
                "csv" => FlowFormat.Csv,
                "hubble" => FlowFormat.Hubble,
                _ => throw ApiProblem.BadRequest($"format: \"{name}\" is not one of vpc, gcp, csv, hubble"),
            };
            return Ingest(context, state, logger, RecordKind.Flow, content => new ParsedBody(FlowBodyParser.Parse(content, format)));
        });
        app.MapPost("/api/v1/ingest/audit", context => Ingest(context, state, logger, RecordKind.Audit, AuditBodyParser.Parse));
    }

    private static async Task Ingest(HttpContext context, ServerState state, ILogger logger, RecordKind kind, Func<byte[], ParsedBody> parse)
    {
        var kindLabel = kind == RecordKind.Flow ? "flow" : "audit";
        RefuseMultipart(context);
        var content = await BodyReader.ReadAsync(context.Request.Body, Gzipped(context), state.Options.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (content.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
            throw ApiProblem.BadRequest("the request body is empty");
        var parsed = ParseHinted(context, content, parse);
        var records = parsed.Records;
        if (records.Count == 0)
        {
            // A well-formed body with nothing in it (an EventList without items): nothing to commit.
            await Accepted(context, 0, 0, parsed).ConfigureAwait(false);
            return;
        }
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
        if (parsed.Rejected > 0)
        {
            // The audit webhook does not read the answer: the log and the metric are where an operator sees the refused events.
            state.Metrics.Rejected.WithLabels(kindLabel).Inc(parsed.Rejected);
            logger.LogWarning("{Kind} batch: {Rejected} of {Items} items refused, the others stored; first: {Error}",
                kindLabel, parsed.Rejected, parsed.Rejected + records.Count, parsed.FirstError);
        }
        await Accepted(context, outcome.Accepted, outcome.Duplicates, parsed).ConfigureAwait(false);
    }

    private static Task Accepted(HttpContext context, int accepted, int duplicates, ParsedBody parsed) => ApiResults.Json(context, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("accepted", accepted);
        json.WriteNumber("duplicates", duplicates);
        json.WriteNumber("rejected", parsed.Rejected);
        if (parsed.FirstError is { } error)
            json.WriteString("error", error);
        json.WriteEndObject();
    }, 202);

    /// <summary>
    /// A multipart upload (<c>curl -F</c>) is 415: it wraps the file. Any other type is read by the route's format, as
    /// exporters differ (application/json, application/x-ndjson, text/plain, none), and <c>curl --data-binary @FILE</c>
    /// declares application/x-www-form-urlencoded for the file as it is.
    /// </summary>
    private static void RefuseMultipart(HttpContext context)
    {
        var type = context.Request.ContentType ?? "";
        if (type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            throw new ApiProblem(415, $"Content-Type {type.Split(';')[0].Trim()} is a form upload, not the records: send the file itself as the body (curl --data-binary @FILE, not -F)");
    }

    /// <summary>
    /// Parses the body; a form-encoded one that is malformed most likely lost its line ends to <c>curl -d</c>, which the 400 says.
    /// </summary>
    private static ParsedBody ParseHinted(HttpContext context, byte[] content, Func<byte[], ParsedBody> parse)
    {
        try
        {
            return parse(content);
        }
        catch (ApiProblem problem) when (problem.Status == 400
            && (context.Request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiProblem.BadRequest($"{problem.Message} (sent as a form: curl -d strips the line ends; send the file with curl --data-binary @FILE)");
        }
    }

    /// <summary>Whether the body is gzip (<c>Content-Encoding: gzip</c>); any other coding is 415, since the body could not be read.</summary>
    private static bool Gzipped(HttpContext context)
    {
        var codings = context.Request.Headers.ContentEncoding.ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var gzip = false;
        foreach (var coding in codings)
        {
            if (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                if (gzip)
                    throw new ApiProblem(415, "Content-Encoding: gzip twice is not supported; send the body plain or gzip once");
                gzip = true;
            }
            else if (!coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
                throw new ApiProblem(415, $"Content-Encoding \"{coding}\" is not supported; send the body plain or gzip");
        }
        return gzip;
    }
}
