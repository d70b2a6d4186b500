using Microsoft.Playwright;
using Palisade.Dashboard.Tests.Support;
using Palisade.Testing.FakeApi;

namespace Palisade.Dashboard.Tests;

/// <summary>A policy deleted in the cluster, and an alert once stored, reach an open page through their streams, without a reload.</summary>
public sealed class LiveTests : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ShopCluster? _cluster;

    public async ValueTask InitializeAsync()
    {
        (_playwright, _browser) = await Chromium.LaunchAsync();
        _cluster = await ShopCluster.StartAsync(watchTimeout: TimeSpan.FromSeconds(1));
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [Fact]
    public async Task A_deleted_policy_appears_in_the_changes_and_the_graph_without_reloading()
    {
        var page = await Pages.SignedInAsync(_browser!, _cluster!, "#/graph/shop-web");
        await Pages.OpenAsync(page, "#/graph/shop-web");
        await Assertions.Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 60_000 });
        var before = await page.Locator("#graph-edges li").CountAsync();
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        var deleted = ManifestYaml.ToJson("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: storefront, namespace: shop-web, resourceVersion: "999999"}
            spec: {podSelector: {matchLabels: {app: storefront}}, policyTypes: [Ingress, Egress]}
            """)[0];
        _cluster!.Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Close(WatchEvent.Deleted(deleted)));

        // The watch in progress ends within a second (the watch timeout) and the next one plays the deletion; on a
        // loaded machine the change, the stream and the new drawing can take a while, so the waits are long.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (_cluster.Server.State.Live!.RecentChanges.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the service recorded no change within 90 s");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("deleted NetworkPolicy shop-web/storefront", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#graph-edges li")).Not.ToHaveCountAsync(before, new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("#graph[data-drawn=true]");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await Pages.ScreenshotAsync(page, "live-update");

        await Pages.OpenAsync(page, "#/changes");
        await Assertions.Expect(page.Locator("#changes-list li").First).ToContainTextAsync("deleted NetworkPolicy shop-web/storefront");
        await Assertions.Expect(page.Locator("#changes-list li .opened").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_new_alert_appears_in_the_open_alerts_table_without_reloading()
    {
        var page = await Pages.SignedInAsync(_browser!, _cluster!, "#/alerts");
        await Pages.OpenAsync(page, "#/alerts");
        await Assertions.Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 60_000 });
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        using var client = _cluster!.Client();
        var audit = """
            {"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"push-1","stage":"ResponseComplete","requestURI":"/apis/networking.k8s.io/v1/namespaces/shop-web/networkpolicies/storefront","verb":"delete","user":{"username":"mallory","groups":["system:authenticated"]},"sourceIPs":["127.0.0.1"],"objectRef":{"resource":"networkpolicies","namespace":"shop-web","name":"storefront","apiGroup":"networking.k8s.io","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2024-03-01T10:00:00.000000Z","stageTimestamp":"2024-03-01T10:00:00.010000Z"}]}
            """;
        using var response = await client.PostAsync("api/v1/ingest/audit", new StringContent(audit), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("network-policy-tampering on NetworkPolicy shop-web/storefront", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#alerts-table tbody tr").First).ToContainTextAsync("mallory", new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await page.Context.CloseAsync();
    }
}
