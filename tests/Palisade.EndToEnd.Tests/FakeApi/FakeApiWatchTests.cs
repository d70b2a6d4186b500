using System.Text.Json.Nodes;
using Palisade.Testing.FakeApi;

namespace Palisade.EndToEnd.Tests.FakeApi;

/// <summary>The fake API server's watch streams: initial events, scripted events and the three ways they end.</summary>
public sealed class FakeApiWatchTests : IAsyncLifetime
{
    private FakeApiServer api = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        api = await FakeApiServer.StartAsync(cancellationToken: Cancel);
        api.AddManifests("""
            apiVersion: v1
            kind: Pod
            metadata: {name: a, namespace: one}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: b, namespace: two}
            """);
    }

    public async ValueTask DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task A_watch_without_resource_version_starts_with_the_objects_and_is_held_open()
    {
        using var client = api.CreateClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var response = await client.GetAsync("api/v1/pods?watch=true", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var first = JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!;
        var second = JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!;
        var third = reader.ReadLineAsync(timeout.Token).AsTask();

        Assert.Equal(("ADDED", "a"), (first["type"]!.GetValue<string>(), first["object"]!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal("b", second["object"]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("Pod", first["object"]!["kind"]!.GetValue<string>());
        await Task.Delay(300, Cancel);
        Assert.False(third.IsCompleted, "the stream should be held open");
    }

    [Fact]
    public async Task A_held_watch_ends_when_its_timeout_seconds_pass()
    {
        var lines = await WatchLines("api/v1/pods?watch=1&resourceVersion=5&timeoutSeconds=1");

        Assert.Empty(lines);
    }

    [Fact]
    public async Task A_scripted_watch_sends_its_events_in_the_namespace_watched_then_closes()
    {
        var added = ManifestYaml.ToJson("""
            apiVersion: v1
            kind: Pod
            metadata: {name: c, namespace: one}
            """)[0];
        var elsewhere = ManifestYaml.ToJson("""
            apiVersion: v1
            kind: Pod
            metadata: {name: d, namespace: two}
            """)[0];
        api.EnqueueWatch(FakeResources.Pods, WatchScript.Close(WatchEvent.Added(added), WatchEvent.Deleted(elsewhere), WatchEvent.Modified(added)));

        var lines = await WatchLines("api/v1/namespaces/one/pods?watch=1&resourceVersion=5");

        Assert.Equal(["ADDED c", "MODIFIED c"], lines.Select(l => $"{l["type"]} {l["object"]!["metadata"]!["name"]}"));
    }

    [Fact]
    public async Task An_expiring_watch_ends_with_a_410_error_event_and_the_next_watch_holds()
    {
        api.EnqueueWatch(FakeResources.Pods, WatchScript.Expire());

        var lines = await WatchLines("api/v1/pods?watch=1&resourceVersion=1");
        var next = await WatchLines("api/v1/pods?watch=1&resourceVersion=1&timeoutSeconds=1");

        var error = Assert.Single(lines);
        Assert.Equal("ERROR", error["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.Empty(next);
    }

    [Fact]
    public async Task A_watch_dropped_mid_stream_fails_the_read_after_its_events()
    {
        api.Inject(FakeFault.DropMidBody(), r => r.Verb == "watch", times: 1);
        using var client = api.CreateClient();
        using var response = await client.GetAsync("api/v1/pods?watch=1", HttpCompletionOption.ResponseHeadersRead, Cancel);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Cancel));

        Assert.NotNull(await reader.ReadLineAsync(Cancel));
        Assert.NotNull(await reader.ReadLineAsync(Cancel));
        await Assert.ThrowsAnyAsync<IOException>(async () => await reader.ReadLineAsync(Cancel));
    }

    private async Task<List<JsonNode>> WatchLines(string path)
    {
        using var client = api.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);
        var text = await client.GetStringAsync(path, Cancel);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];
    }
}
