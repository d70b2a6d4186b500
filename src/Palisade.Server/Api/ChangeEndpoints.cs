using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Palisade.Reporting;
using Palisade.Reporting.Diff;
using Palisade.Server.Storage;

namespace Palisade.Server.Api;

/// <summary>
/// <c>/api/v1/changes</c>: the recorded changes of the live cluster with what each opened and closed (JSON), or, with
/// <c>format=</c> a diff format (txt, csv, md, dot, json, sarif), the diff from the state in force at <c>since</c> to
/// now, as <c>palisade diff</c> writes it; <c>/api/v1/changes/{sequence}</c> one change in any diff format;
/// <c>/api/v1/changes/stream</c> every new change as a server-sent event, as it is recorded.
/// </summary>
public static class ChangeEndpoints
{
    private const int MissedChanges = 10_000;

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app, ServerState state)
    {
        app.MapRead("/api/v1/changes", async context =>
        {
            Query.Only(context, "since", "limit", "format", "after");
            var since = Query.Time(context, "since");
            var after = After(context, since);
            if (context.Request.Query["format"].ToString() is { Length: > 0 })
            {
                var format = Query.Format(context, DiffFormats.All, "txt");
                var from = since ?? throw ApiProblem.BadRequest("since is required with format (the diff from the state at that time to now)");
                // The list holds the changes at since and after: the diff holds the same from the state just before since,
                // where the state in force at since already holds a change made at that instant.
                var before = ClusterEndpoints.Snapshot(state, from == state.Live?.HistoryStart ? from : from.AddTicks(-1), "since");
                var now = ClusterEndpoints.Snapshot(state, null);
                var report = before.DiffTo(now);
                await ApiResults.Text(context, format.ContentType, output => format.Write(report, new OutputContext(null, "live cluster"), output)).ConfigureAwait(false);
                return;
            }
            var limit = Query.Int(context, "limit", 1000, 1, 10_000);
            var changes = after is { } sequence
                ? await state.Store.ChangesAfterAsync(sequence, limit, context.RequestAborted).ConfigureAwait(false)
                : await state.Store.ChangesAsync(since, limit, context.RequestAborted).ConfigureAwait(false);
            await ApiResults.JsonList(context, "changes", changes.Select(c => c.Json)).ConfigureAwait(false);
        });
        app.MapRead("/api/v1/changes/{sequence:long}", (HttpContext context, long sequence) =>
        {
            Query.Only(context, "format");
            var change = state.Live?.RecentChanges.FirstOrDefault(c => c.Sequence == sequence)
                ?? throw new ApiProblem(404, $"change {sequence} is not among the recent changes kept in full; GET /api/v1/changes lists every stored one");
            var format = Query.Format(context, DiffFormats.All, "json");
            return ApiResults.Text(context, format.ContentType, output => format.Write(change.Diff, new OutputContext(null, $"change {sequence}"), output));
        });
        Func<long, CancellationToken, Task<IReadOnlyList<FeedEvent>>> missed = (last, cancellationToken) => MissedAsync(state.Store, last, cancellationToken);
        app.MapGet("/api/v1/changes/stream", context => EventStream.WriteAsync(context, state.Feed, "change", missed));
    }

    /// <summary>
    /// <c>after=</c>: the sequence of the last change a client has, to page by sequence (changes of one instant, as a
    /// relist makes, cannot be paged by time); not with <c>since</c> or <c>format</c>, which select by time.
    /// </summary>
    private static long? After(HttpContext context, DateTimeOffset? since)
    {
        var text = context.Request.Query["after"].ToString();
        if (text.Length == 0)
            return null;
        if (since is not null || context.Request.Query["format"].ToString().Length > 0)
            throw ApiProblem.BadRequest("after: not with since or format; after pages the list by sequence, since selects by time");
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw ApiProblem.BadRequest($"after: \"{text}\" is not a change sequence number");
    }

    /// <summary>The changes after a stream's last event id, from the store: it holds a change before the stream shows it, and across restarts.</summary>
    private static async Task<IReadOnlyList<FeedEvent>> MissedAsync(IRecordStore store, long last, CancellationToken cancellationToken)
    {
        var missed = await store.ChangesAfterAsync(last, MissedChanges, cancellationToken).ConfigureAwait(false);
        return [.. missed.Select(c => new FeedEvent(c.Sequence, c.Json))];
    }
}
