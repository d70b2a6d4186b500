using System.Net;
using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;
using Palisade.Testing.FakeApi;

namespace Palisade.Server.Tests.Detection;

/// <summary>
/// Records ingested while the service still lists the cluster (a restart, when exporters and the audit webhook send what
/// they kept at once, and listing a large cluster takes seconds) are judged against the cluster once listed, not against
/// an empty one: the cursor passing them would lose their alerts for good.
/// Cluster: pods report 10.244.1.8 and db 10.244.1.7 in shop; db-ingress admits nothing from report.
/// </summary>
public sealed class BeforeFirstListingTests : IAsyncLifetime
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}}
        spec: {nodeName: node-2, containers: [{name: db, image: x, ports: [{name: pg, containerPort: 5432}]}]}
        status: {phase: Running, podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: report, namespace: shop, labels: {app: report}}
        spec: {nodeName: node-1, containers: [{name: report, image: x}]}
        status: {phase: Running, podIP: 10.244.1.8, podIPs: [{ip: 10.244.1.8}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-ingress, namespace: shop}
        spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress]}
        """;

    private FakeApiServer api = null!;
    private TestServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        api = await FakeApiServer.StartAsync(cancellationToken: Cancel);
        api.AddManifests(Manifests);
        // The pods' list answers after longer than detection's 5 s quiet period.
        api.Inject(FakeFault.Slow(TimeSpan.FromSeconds(8)), r => r.Verb == "list" && r.Path.EndsWith("/pods", StringComparison.Ordinal), times: 1);
        server = await TestServer.StartAsync((o, directory) => o with
        {
            NoWatch = false,
            Kubeconfig = api.WriteKubeconfig(Path.Combine(directory, "kubeconfig")),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        await api.DisposeAsync();
    }

    [Fact]
    public async Task A_flow_ingested_before_the_first_listing_is_judged_by_the_listed_policies()
    {
        var flow = new JsonObject
        {
            ["time"] = "2026-03-02T10:00:00.000000Z",
            ["verdict"] = "FORWARDED",
            ["IP"] = new JsonObject { ["source"] = "10.244.1.8", ["destination"] = "10.244.1.7", ["ipVersion"] = "IPv4" },
            ["l4"] = new JsonObject { ["TCP"] = new JsonObject { ["source_port"] = 41000, ["destination_port"] = 5432 } },
            ["Type"] = "L3_L4",
            ["is_reply"] = false,
            ["node_name"] = "node-2",
        };
        var body = new JsonObject { ["flow"] = flow, ["time"] = "2026-03-02T10:00:00.000000Z" }.ToJsonString() + "\n";

        using (var response = await server.Client.PostAsync("api/v1/ingest/hubble", new StringContent(body), Cancel))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(server.Server.State.Live!.Current);

        // As flows check with the cluster: db admits nothing, so the forward is a policy violation.
        await TestServer.Until(() => server.Server.State.Live!.Current is not null);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var metrics = await server.Client.GetStringAsync("metrics", Cancel);
            if (metrics.Contains("\npalisade_detection_cursor 1\n", StringComparison.Ordinal) && metrics.Contains("\npalisade_detection_flows_waiting 0\n", StringComparison.Ordinal))
                break;
            Assert.True(DateTime.UtcNow < deadline, "detection did not settle within 30 s");
            await Task.Delay(100, Cancel);
        }
        var alerts = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts", Cancel))!["alerts"]!.AsArray();
        var violation = Assert.Single(alerts, a => a!["detector"]?.GetValue<string>() == "policy-violation");
        Assert.Equal("shop/report[Pod] > shop/db[Pod]", $"{violation!["src"]} > {violation["dst"]}");
    }
}
