using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using Palisade.Kubernetes.Live;
using Palisade.Kubernetes.Mapping;
using Palisade.Model;

namespace Palisade.Kubernetes.Watch;

/// <summary>
/// Keeps one kind in step with the server, as client-go's reflector does: list (paged), then watch from the list's
/// resourceVersion with bookmarks. A stream that ends (the server's timeout, a dropped connection) is resumed from
/// the last resourceVersion seen, events and bookmarks alike. A 410 Expired, whether the answer to the watch or an
/// ERROR event in the stream (which the client's <see cref="Watcher{T}"/> reports only through its error callback),
/// means the history was compacted past that version: the kind is listed again and replaced whole. A refusal (403) is
/// reported once and asked again with a growing pause; a 404 (the kind's CRD deleted) empties the kind and ends the
/// reflector. Runs on one task.
/// </summary>
internal sealed class Reflector(ApiClient client, WatchedKind kind, IWatchSink sink, WatchOptions options, WatchStatistics statistics)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private string? _resourceVersion;
    private bool _refused;

    /// <summary>Lists and watches until cancelled; failures are retried with a growing pause, never thrown.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (_resourceVersion is null)
                    await ListAsync(cancellationToken).ConfigureAwait(false);
                var started = Stopwatch.GetTimestamp();
                var outcome = await WatchAsync(cancellationToken).ConfigureAwait(false);
                if (outcome == StreamEnd.Expired)
                {
                    statistics.ExpiredOnce();
                    sink.Note(kind.Kind, $"watch of {kind.Resource} expired (410) at resourceVersion {_resourceVersion}; listing again");
                    _resourceVersion = null;
                }
                else if (outcome == StreamEnd.Failed || Stopwatch.GetElapsedTime(started) < QuickClose(options))
                {
                    // A stream that ends at once (a proxy cutting watches, a server going away) is opened again after a
                    // growing pause, not in a tight loop of requests; the real server holds a watch for minutes.
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                    backoff = Grow(backoff);
                    continue;
                }
                backoff = TimeSpan.FromMilliseconds(200);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException e) when ((int?)e.Response?.StatusCode == 410)
            {
                statistics.ExpiredOnce();
                sink.Note(kind.Kind, $"resourceVersion {_resourceVersion} of {kind.Resource} is too old (410); listing again");
                _resourceVersion = null;
            }
            catch (HttpOperationException e) when ((int?)e.Response?.StatusCode == 404)
            {
                // The kind is no longer served: its CRD was deleted, and the API server deleted its objects with it.
                // Discovery starts a new reflector if it comes back.
                sink.Note(kind.Kind, $"{kind.Resource} is no longer served (404): its objects are gone; no longer watched");
                sink.Apply(new WatchChange(kind.Kind, WatchChangeType.Replaced, [], DateTimeOffset.UtcNow));
                return;
            }
            catch (HttpOperationException e) when ((int?)e.Response?.StatusCode == 403)
            {
                // Refused (the service account lacks the rule): the kind is not read (or no longer followed, when the watch
                // is refused after a list), which the sink is told once, and the reflector keeps asking, so that a
                // permission granted later takes effect.
                statistics.Failed();
                if (!_refused)
                {
                    _refused = true;
                    var reason = ApiFailure.Message(e);
                    sink.Note(kind.Kind, $"{kind.Resource}: forbidden: {reason}; not read, asking again every few seconds");
                    sink.Apply(new WatchChange(kind.Kind, WatchChangeType.Replaced, [], DateTimeOffset.UtcNow) { Refused = reason });
                }
                try
                {
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                backoff = Grow(backoff);
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or JsonException or TaskCanceledException or KubernetesException)
            {
                statistics.Failed();
                sink.Note(kind.Kind, $"{kind.Resource}: {Describe(e)}; retrying in {backoff.TotalSeconds:0.#} s");
                try
                {
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                backoff = Grow(backoff);
            }
        }
    }

    /// <summary>A stream shorter than this ended early: under a second, and under half the timeout the watch asked for.</summary>
    private static TimeSpan QuickClose(WatchOptions options) => TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, options.WatchTimeout.Ticks / 2));

    private static TimeSpan Grow(TimeSpan backoff) => backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;

    private static string Describe(Exception e) => e is HttpOperationException h && h.Response is { } r
        ? $"status {(int)r.StatusCode} {r.ReasonPhrase}: {OneLine(r.Content)}"
        : OneLine(e.Message);

    private static string OneLine(string? text) => string.Join(" ", (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Lists every object of the kind, page by page, and hands them over as one replacement.</summary>
    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var objects = new List<WatchedObject>();
        string? next = null;
        string? version = null;
        do
        {
            var path = $"{kind.CollectionPath}?limit={options.PageSize.ToString(CultureInfo.InvariantCulture)}" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next));
            try
            {
                using var response = await client.GetAsync(path, cancellationToken).ConfigureAwait(false);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var page = await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
                var metadata = page.RootElement.GetProperty("metadata");
                version ??= metadata.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() : null;
                next = metadata.TryGetProperty("continue", out var token) && token.GetString() is { Length: > 0 } text ? text : null;
                if (page.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray())
                        objects.Add(Read(item));
                }
            }
            catch (HttpOperationException e) when ((int?)e.Response?.StatusCode == 410 && next is not null)
            {
                // The continue token expired mid-list: start the list again from its first page.
                (objects, next, version) = ([], null, null);
            }
        }
        while (next is not null);
        statistics.Listed();
        _refused = false;
        _resourceVersion = version ?? "0";
        sink.Apply(new WatchChange(kind.Kind, WatchChangeType.Replaced, objects, DateTimeOffset.UtcNow));
    }

    private enum StreamEnd
    {
        Closed,
        Expired,
        Failed,
    }

    /// <summary>Watches from the last resourceVersion until the stream ends, and says how it ended.</summary>
    private async Task<StreamEnd> WatchAsync(CancellationToken cancellationToken)
    {
        var path = $"{kind.CollectionPath}?watch=1&allowWatchBookmarks=true&resourceVersion={Uri.EscapeDataString(_resourceVersion!)}"
            + $"&timeoutSeconds={((int)options.WatchTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)}";
        using var response = await client.GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (_refused)
        {
            // The watch refused before is allowed now: a list tells the sink the kind is read again (and what it holds).
            _resourceVersion = null;
            return StreamEnd.Closed;
        }
        statistics.Watched();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var expired = false;
        var failed = false;
        using var watcher = new Watcher<JsonElement>(
            () => Task.FromResult<TextReader>(new StreamReader(stream)),
            (type, item) => OnEvent(type, item),
            error =>
            {
                if (error is KubernetesException { Status.Code: 410 })
                {
                    expired = true;
                    response.Dispose();
                }
                else if (!cancellationToken.IsCancellationRequested)
                {
                    failed = true;
                    statistics.Failed();
                    sink.Note(kind.Kind, $"watch of {kind.Resource} broke: {OneLine(error.Message)}; resuming from resourceVersion {_resourceVersion}");
                }
            },
            () => ended.TrySetResult());
        using (cancellationToken.Register(() => response.Dispose()))
            await ended.Task.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return expired ? StreamEnd.Expired : failed ? StreamEnd.Failed : StreamEnd.Closed;
    }

    private void OnEvent(WatchEventType type, JsonElement item)
    {
        if (item.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var rv) && rv.GetString() is { Length: > 0 } version)
            _resourceVersion = version;
        switch (type)
        {
            case WatchEventType.Bookmark:
                return;
            case WatchEventType.Added or WatchEventType.Modified:
                sink.Apply(new WatchChange(kind.Kind, WatchChangeType.Upserted, [Read(item)], DateTimeOffset.UtcNow));
                return;
            case WatchEventType.Deleted:
                sink.Apply(new WatchChange(kind.Kind, WatchChangeType.Deleted, [Read(item)], DateTimeOffset.UtcNow));
                return;
        }
    }

    /// <summary>The item mapped into Core's terms, with its body; an object the mapper refuses keeps its key and says why.</summary>
    private WatchedObject Read(JsonElement item)
    {
        var body = JsonNode.Parse(item.GetRawText())!.AsObject();
        // Items of a list carry neither; the replay and the mapper of JSON need both.
        body["kind"] ??= kind.Kind;
        body["apiVersion"] ??= kind.Group.Length == 0 ? kind.Version : $"{kind.Group}/{kind.Version}";
        var metadata = item.TryGetProperty("metadata", out var m) ? m : default;
        string? Field(string name) => metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(name, out var v) ? v.GetString() : null;
        var key = new ObjectKey(kind.Kind, kind.Namespaced ? Field("namespace") ?? "default" : null, Field("name") ?? "");
        var version = Field("resourceVersion") ?? "";
        try
        {
            var model = kind.Row.FromJson(item) ?? throw new JsonException("null object");
            var mapped = ObjectMapper.Map(kind.Kind, model);
            return new WatchedObject(mapped.Object.Meta.Key, mapped.Object, body, version);
        }
        catch (Exception e) when (e is InvalidInputException or JsonException or FormatException or InvalidOperationException)
        {
            return new WatchedObject(key, null, body, version) { Warning = $"{key} left out: {e.Message}" };
        }
    }
}
