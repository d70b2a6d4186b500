using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;
using Palisade.Testing.FakeApi;

namespace Palisade.Server.Tests.Watch;

/// <summary>
/// The reflectors against the fake API server: an in-stream 410 Expired makes the kind listed again (and what changed
/// meanwhile appears), a stream that ends is resumed from its last resourceVersion without a list.
/// </summary>
public sealed class WatchRecoveryTests() : WatchedClusterTest(Manifests)
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: web, image: web, ports: [{containerPort: 80}]}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: a, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        """;

    private IEnumerable<string> Policies() => Server.Server.State.Live!.Current!.Cluster.Network.NetworkPolicies.Select(p => p.Name).Order();

    private static JsonObject Policy(string name) => ManifestYaml.ToJson($$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: {{name}}, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        """)[0];

    [Fact]
    public async Task An_expired_watch_lists_the_kind_again_and_sees_what_changed_meanwhile()
    {
        var statistics = Server.Server.State.Watch!.Statistics;
        var lists = statistics.Lists;
        Api.Add(Policy("b"));
        Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Expire());

        await TestServer.Until(() => Policies().SequenceEqual(["a", "b"]));

        Assert.True(statistics.Expired >= 1);
        Assert.True(statistics.Lists > lists);
    }

    [Fact]
    public async Task A_closed_stream_is_resumed_from_its_resource_version_without_listing()
    {
        var statistics = Server.Server.State.Watch!.Statistics;
        var lists = statistics.Lists;
        var watches = statistics.Watches;
        var added = Api.Add(Policy("c"));
        Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Close(WatchEvent.Added(added)));

        await TestServer.Until(() => Policies().Contains("c"));
        // Resumed after the pause a stream that closed at once is given.
        var version = added["metadata"]!["resourceVersion"]!.GetValue<string>();
        await TestServer.Until(() => Api.Requests.Any(r => r.Resource == FakeResources.NetworkPolicies && r.Verb == "watch" && r.ResourceVersion == version));

        Assert.True(statistics.Watches > watches + 1);
        Assert.Equal(lists, statistics.Lists);
    }

    [Fact]
    public async Task Streams_that_close_at_once_are_opened_again_after_a_growing_pause_not_in_a_loop()
    {
        // A proxy that cuts every watch: a hundred streams, each closed as soon as it opens. Reopened at once, they are
        // all used up within milliseconds; with pauses of 0.2, 0.4, 0.8 and 1.6 s, about four are in three seconds.
        int Watches() => Api.Requests.Count(r => r.Resource == FakeResources.NetworkPolicies && r.Verb == "watch");
        for (var i = 0; i < 100; i++)
            Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Close());
        var watches = Watches();
        await TestServer.Until(() => Watches() > watches);

        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);

        Assert.InRange(Watches() - watches, 1, 20);
    }

    [Fact]
    public async Task Changes_are_recorded_with_what_they_opened()
    {
        var deleted = ManifestYaml.ToJson("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: a, namespace: shop, resourceVersion: "999"}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """)[0];
        Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Close(WatchEvent.Deleted(deleted)));

        await TestServer.Until(() => !Policies().Contains("a"));
        await TestServer.Until(() => Server.Server.State.Live!.RecentChanges.Count > 0);

        var change = Server.Server.State.Live!.RecentChanges[^1];
        Assert.Contains(new Palisade.Server.Watch.ObjectTouch("deleted", "NetworkPolicy shop/a"), change.Objects);
        Assert.Contains(change.Opened, l => l.StartsWith("0.0.0.0-255.255.255.255[External] => shop/web[Pod]", StringComparison.Ordinal));
        var stored = JsonNode.Parse(await Server.Client.GetStringAsync("api/v1/changes", Cancel))!["changes"]!.AsArray();
        Assert.Contains(stored, c => c!["opened"]!.AsArray().Count > 0);
        var text = await Server.Client.GetStringAsync($"api/v1/changes/{change.Sequence}?format=txt", Cancel);
        Assert.StartsWith("Connectivity diff:\n", text);
    }
}
