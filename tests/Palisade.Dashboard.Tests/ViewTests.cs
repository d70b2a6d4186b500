using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Palisade.Dashboard.Tests.Support;

namespace Palisade.Dashboard.Tests;

/// <summary>
/// The dashboard on examples/shop watched through the fake API server: signing in, every view at its own URL (with a
/// screenshot each), findings and alerts filters, the eval form and what-if against the command line's answers.
/// </summary>
public sealed class ViewTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_session_a_browser_is_sent_to_login_and_other_clients_get_401()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Cluster.Server.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/", Cancel)).StatusCode);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = await client.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/overview", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/dashboard/app.js", Cancel)).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "palisade_session=not-a-token");
        var stale = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal("/login", stale.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_on_the_login_page()
    {
        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Cluster.BaseUrl + "login");
        await page.FillAsync("#token", "wrong-token");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("the bearer token is not valid");
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_cookie_does_not_authorize_a_post_without_the_dashboard_header()
    {
        var page = await fixture.SignedInAsync();
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/whatif', { method: 'POST', body: 'x' })).status");
        Assert.Equal(401, status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_view_opens_at_its_own_url()
    {
        var page = await fixture.SignedInAsync();
        await Pages.OpenAsync(page, "#/overview");
        var scan = JsonNode.Parse(PalisadeCli.Run("scan", ShopCluster.Example, "-o", "json"))!;
        await Assertions.Expect(page.Locator("#risk .big")).ToHaveTextAsync(scan["risk"]!["level"]!.GetValue<string>());
        await Assertions.Expect(page.Locator("#exposure .big")).ToHaveTextAsync(scan["exposed"]!.AsArray().Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Pages.ScreenshotAsync(page, "overview");

        await Pages.OpenAsync(page, "#/graph");
        await Assertions.Expect(page.Locator("#graph-nodes li[data-node=shop-web]")).ToHaveCountAsync(1);
        await Pages.ScreenshotAsync(page, "graph-namespaces");

        await Pages.OpenAsync(page, "#/graph/shop-api");
        await Assertions.Expect(page.Locator("#graph-nodes li[data-node='shop-api/catalog[Deployment]']")).ToHaveCountAsync(1);
        await Pages.ScreenshotAsync(page, "graph-namespace");

        await Pages.OpenAsync(page, "#/findings");
        await Assertions.Expect(page.Locator("#findings-table tbody tr")).ToHaveCountAsync(await ApiCount("/api/v1/findings", "findings"));
        await page.Locator("#findings-table tbody tr").First.ClickAsync();
        await Assertions.Expect(page.Locator("#finding-detail h2").First).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(page, "findings");

        await Pages.OpenAsync(page, "#/alerts");
        await Assertions.Expect(page.Locator("#alerts-count")).ToContainTextAsync(" alerts");
        await Pages.ScreenshotAsync(page, "alerts");

        await Pages.OpenAsync(page, "#/changes");
        await Assertions.Expect(page.Locator("#changes-list")).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(page, "changes");

        await Pages.OpenAsync(page, "#/eval");
        await Assertions.Expect(page.Locator("#eval-form")).ToBeVisibleAsync();

        await Pages.OpenAsync(page, "#/whatif");
        await Assertions.Expect(page.Locator("#whatif-form")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_findings_filters_show_the_rows_of_that_severity()
    {
        var findings = await Api("/api/v1/findings");
        var high = findings["findings"]!.AsArray().Count(f => f!["severity"]!.GetValue<string>() == "high");
        Assert.True(high > 0, "examples/shop has high findings");
        var page = await fixture.SignedInAsync("#/findings?severity=high");
        await page.WaitForSelectorAsync("main[data-view=findings][aria-busy=false]");
        await Assertions.Expect(page.Locator("#findings-table tbody tr")).ToHaveCountAsync(high);
        await page.SelectOptionAsync("#filter-severity", "");
        await Assertions.Expect(page.Locator("#findings-table tbody tr")).ToHaveCountAsync(findings["findings"]!.AsArray().Count);
        await page.FillAsync("#filter-text", "PAL403");
        await Assertions.Expect(page.Locator("#findings-table tbody tr")).ToHaveCountAsync(findings["findings"]!.AsArray().Count(f => f!["id"]!.GetValue<string>() == "PAL403"));
        Assert.Contains("q=PAL403", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_finding_with_a_fix_shows_the_manifest()
    {
        var findings = await Api("/api/v1/findings");
        var withFix = findings["findings"]!.AsArray().FirstOrDefault(f => f!["fix"] is not null);
        Assert.NotNull(withFix);
        var page = await fixture.SignedInAsync("#/findings");
        await page.WaitForSelectorAsync("main[data-view=findings][aria-busy=false]");
        await page.FillAsync("#filter-text", withFix["message"]!.GetValue<string>());
        await page.Locator("#findings-table tbody tr").First.ClickAsync();
        await Assertions.Expect(page.Locator("#finding-detail pre.fix")).ToHaveTextAsync(withFix["fix"]!.GetValue<string>().TrimEnd());
        await Pages.ScreenshotAsync(page, "finding-fix");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_eval_form_gives_the_verdict_of_palisade_eval_with_its_explanation()
    {
        var expected = PalisadeCli.Run("eval", ShopCluster.Example, "--src", "shop-web/storefront", "--dst", "shop-api/catalog", "--port", "50051", "--explain").Split('\n')[0];
        var page = await fixture.SignedInAsync("#/eval");
        await page.WaitForSelectorAsync("#eval-form");
        await page.FillAsync("#eval-src", "shop-web/storefront");
        await page.FillAsync("#eval-dst", "shop-api/catalog");
        await page.FillAsync("#eval-port", "50051");
        await page.ClickAsync("#eval-form button[type=submit]");
        await Assertions.Expect(page.Locator("#eval-verdict")).ToHaveTextAsync(expected);
        await Assertions.Expect(page.Locator("#eval-result pre")).ToContainTextAsync("NetworkPolicy shop-api/catalog-allow-ingress");
        Assert.Contains("port=50051", page.Url, StringComparison.Ordinal);
        await Pages.ScreenshotAsync(page, "eval");

        await page.FillAsync("#eval-port", "not-a-port-name");
        await page.ClickAsync("#eval-form button[type=submit]");
        await Assertions.Expect(page.Locator("#eval-result .error")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task What_if_shows_the_connections_a_pasted_policy_would_close()
    {
        const string policy = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: default-deny-all
              namespace: kube-system
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            """;
        var directory = Directory.CreateTempSubdirectory("palisade-whatif-test-");
        try
        {
            CopyDirectory(ShopCluster.Example, directory.FullName);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "policies", "kube-system.yaml"), policy, Cancel);
            var expected = JsonNode.Parse(PalisadeCli.Run("diff", ShopCluster.Example, directory.FullName, "-o", "json"))!.AsArray();
            Assert.NotEmpty(expected);

            var page = await fixture.SignedInAsync("#/whatif");
            await page.WaitForSelectorAsync("#whatif-form");
            await page.FillAsync("#whatif-text", policy);
            await page.ClickAsync("#whatif-form button[type=submit]");
            await page.WaitForSelectorAsync("#whatif-diff");
            var rows = await page.Locator("#whatif-diff tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.type + ' ' + r.dataset.src + ' ' + r.dataset.dst)");
            var wanted = expected.Select(e => $"{e!["diff-type"]} {e["source"]} {e["destination"]}").Order().ToArray();
            Assert.Equal(wanted, rows.Order().ToArray());
            await Pages.ScreenshotAsync(page, "whatif");

            await page.FillAsync("#whatif-text", "kind: [unclosed");
            await page.ClickAsync("#whatif-form button[type=submit]");
            await Assertions.Expect(page.Locator("#whatif-result .error")).ToContainTextAsync("what-if.yaml");
            await page.Context.CloseAsync();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private async Task<JsonNode> Api(string path)
    {
        using var client = fixture.Cluster.Client();
        return JsonNode.Parse(await client.GetStringAsync(path, Cancel))!;
    }

    private async Task<int> ApiCount(string path, string array) => (await Api(path))[array]!.AsArray().Count;
}
