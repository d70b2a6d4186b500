using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Palisade.Dashboard.Tests.Support;

namespace Palisade.Dashboard.Tests;

/// <summary>
/// Edges coloured by the stored flows: a flow the policy allows marks its edge observed, a flow it denies adds an
/// observed-but-denied edge, and the edge's panel lists the flow.
/// </summary>
public sealed class FlowColourTests : IAsyncLifetime
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: front, labels: {kubernetes.io/metadata.name: front}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: data, labels: {kubernetes.io/metadata.name: data}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: front, labels: {app: web}}
        spec: {containers: [{name: web, image: web}]}
        status: {podIP: 10.1.0.1}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: batch, namespace: front, labels: {app: batch}}
        spec: {containers: [{name: batch, image: batch}]}
        status: {podIP: 10.1.0.2}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: data, labels: {app: db}}
        spec: {containers: [{name: db, image: db, ports: [{containerPort: 5432}]}]}
        status: {podIP: 10.2.0.1}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db, namespace: data}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress:
          - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: front}}, podSelector: {matchLabels: {app: web}}}]
            ports: [{port: 5432}]
        """;

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ShopCluster? _cluster;

    public async ValueTask InitializeAsync()
    {
        (_playwright, _browser) = await Chromium.LaunchAsync();
        _cluster = await ShopCluster.StartAsync(Manifests);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    private static string Hubble(string source, string destination, int sourcePort)
    {
        var time = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return "{\"flow\":{\"time\":\"" + time + "\",\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"" + source + "\",\"destination\":\"" + destination
            + "\"},\"l4\":{\"TCP\":{\"source_port\":" + sourcePort.ToString(CultureInfo.InvariantCulture) + ",\"destination_port\":5432,\"flags\":{\"SYN\":true}}}},\"node_name\":\"node-1\"}\n";
    }

    [Fact]
    public async Task Flows_mark_edges_observed_and_observed_but_denied()
    {
        using (var client = _cluster!.Client())
        {
            var body = Hubble("10.1.0.1", "10.2.0.1", 40001) + Hubble("10.1.0.2", "10.2.0.1", 40002);
            var answer = await client.PostAsync("/api/v1/ingest/hubble", new StringContent(body, Encoding.UTF8, "application/x-ndjson"), TestContext.Current.CancellationToken);
            Assert.True(answer.IsSuccessStatusCode, $"ingest answered {answer.StatusCode}");
        }
        var page = await Pages.SignedInAsync(_browser!, _cluster, "#/graph/data");
        await Pages.OpenAsync(page, "#/graph/data");
        var web = page.Locator("#graph-edges li[data-src='front/web[Pod]'][data-dst='data/db[Pod]']");
        var batch = page.Locator("#graph-edges li[data-src='front/batch[Pod]'][data-dst='data/db[Pod]']");
        await Assertions.Expect(web).ToHaveAttributeAsync("data-status", "observed");
        await Assertions.Expect(batch).ToHaveAttributeAsync("data-status", "denied");
        await Assertions.Expect(batch).ToHaveAttributeAsync("data-conn", "");
        await batch.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator("#graph-panel table tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#edge-explanation .denied")).ToContainTextAsync("denied: front/batch[Pod] => data/db[Pod] : TCP 5432");
        await Pages.ScreenshotAsync(page, "graph-flows");

        await Pages.OpenAsync(page, "#/graph");
        await Assertions.Expect(page.Locator("#graph-edges li[data-src=front][data-dst=data]")).ToHaveAttributeAsync("data-status", "denied");
        await page.Context.CloseAsync();
    }
}
