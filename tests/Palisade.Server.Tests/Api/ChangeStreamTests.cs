using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;
using Palisade.Testing.FakeApi;

namespace Palisade.Server.Tests.Api;

/// <summary>
/// <c>/api/v1/changes/stream</c> as an EventSource reads it: each event has an <c>id:</c>, and a client that reconnects
/// with <c>Last-Event-ID</c> (as browsers do on their own) gets the changes it missed before the live ones.
/// </summary>
public sealed class ChangeStreamTests() : WatchedClusterTest(Manifests)
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: web, image: web}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api, namespace: shop, labels: {app: api}}
        spec: {containers: [{name: api, image: api}]}
        """;

    private void AddDenyAll(string name)
    {
        var added = Api.Add(ManifestYaml.ToJson($$$"""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: {{{name}}}, namespace: shop}
            spec: {podSelector: {matchLabels: {app: {{{name}}}}}, policyTypes: [Ingress]}
            """)[0]);
        Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Close(WatchEvent.Added(added)));
    }

    private static async Task<(string? Id, JsonNode Data)> NextEvent(StreamReader reader)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        string? id = null;
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("data: ", StringComparison.Ordinal))
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
                id = line["id: ".Length..];
        }
        return (id, JsonNode.Parse(line!["data: ".Length..])!);
    }

    private async Task<StreamReader> Open(string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/changes/stream");
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await Server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Cancel));
        Assert.StartsWith(": palisade change stream", await reader.ReadLineAsync(Cancel));
        return reader;
    }

    [Fact]
    public async Task The_change_list_pages_after_a_sequence_whatever_the_times()
    {
        AddDenyAll("web");
        await TestServer.Until(() => Server.Server.State.Live!.RecentChanges.Count >= 1);
        AddDenyAll("api");
        await TestServer.Until(() => Server.Server.State.Live!.RecentChanges.Count >= 2);
        var all = JsonNode.Parse(await Server.Client.GetStringAsync("api/v1/changes", Cancel))!["changes"]!.AsArray();
        var first = all[0]!["sequence"]!.GetValue<long>();

        var page = JsonNode.Parse(await Server.Client.GetStringAsync($"api/v1/changes?after={first}&limit=10", Cancel))!["changes"]!.AsArray();
        using var both = await Server.Client.GetAsync($"api/v1/changes?after={first}&since=2024-01-01", Cancel);

        Assert.Equal(all.Skip(1).Select(c => c!["sequence"]!.GetValue<long>()), page.Select(c => c!["sequence"]!.GetValue<long>()));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, both.StatusCode);
    }

    [Fact]
    public async Task An_id_from_a_service_whose_store_was_replaced_does_not_hold_back_the_new_changes()
    {
        // The volume was replaced (or the database): the numbering starts again below what the client last saw.
        using var reader = await Open("1000000");
        AddDenyAll("web");

        var (id, data) = await NextEvent(reader);

        Assert.Equal(data["sequence"]!.ToString(), id);
        Assert.Contains(data["objects"]!.AsArray(), o => o!["object"]!.GetValue<string>() == "NetworkPolicy shop/web");
    }

    [Fact]
    public async Task A_client_reconnecting_with_the_last_event_id_gets_the_changes_it_missed()
    {
        string firstId;
        using (var reader = await Open(null))
        {
            AddDenyAll("web");
            var (id, data) = await NextEvent(reader);
            Assert.Equal(data["sequence"]!.ToString(), id);
            firstId = id!;
        }
        AddDenyAll("api");
        await TestServer.Until(() => Server.Server.State.Live!.RecentChanges.Count >= 2);

        using var again = await Open(firstId);
        var (missedId, missed) = await NextEvent(again);

        Assert.Equal((long.Parse(firstId, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), missedId);
        Assert.Contains(missed["objects"]!.AsArray(), o => o!["object"]!.GetValue<string>() == "NetworkPolicy shop/api");
    }
}
