using System.Net;
using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Api;

/// <summary>
/// <c>/api/v1/alerts</c> as a client pages through it: a cursor (<c>next</c>, sent back as <c>after</c>) that neither
/// repeats nor skips alerts sharing one time (the audit alerts of one request burst), as <c>/api/v1/flows</c> pages.
/// </summary>
public sealed class AlertsPagingTests : IAsyncLifetime
{
    private TestServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await TestServer.StartAsync();
        // Seven policies deleted by one user in one instant (2024-03-01T10:00:00Z): seven tampering alerts of one time.
        var deletes = Enumerable.Range(1, 7).Select(n => ($"id-{n}", "delete", "networkpolicies", "shop", $"policy-{n}", "mallory")).ToArray();
        using (var audit = await server.Client.PostAsync("api/v1/ingest/audit", new StringContent(Bodies.AuditList(deletes)), Cancel))
            Assert.Equal(HttpStatusCode.Accepted, audit.StatusCode);
        await TestServer.Until(() => Get("api/v1/alerts").GetAwaiter().GetResult()["alerts"]!.AsArray().Count == 7);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private async Task<JsonNode> Get(string path)
    {
        using var response = await server.Client.GetAsync(path, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private static string[] Objects(JsonNode page) => [.. page["alerts"]!.AsArray().Select(a => a!["object"]!.GetValue<string>())];

    [Fact]
    public async Task Pages_of_alerts_of_one_time_follow_the_cursor_without_repeats_or_gaps()
    {
        var seen = new List<string>();
        var page = await Get("api/v1/alerts?since=2024-03-01T10:00:00Z&limit=3");
        while (Objects(page).Length > 0)
        {
            seen.AddRange(Objects(page));
            page = await Get($"api/v1/alerts?after={Uri.EscapeDataString(page["next"]!.GetValue<string>())}&limit=3&detector=network-policy-tampering");
        }

        Assert.Equal(Enumerable.Range(1, 7).Select(n => $"NetworkPolicy shop/policy-{n}").Order(), seen.Order());
        Assert.Equal(7, seen.Distinct().Count());
    }

    [Fact]
    public async Task An_empty_page_gives_back_its_cursor_and_a_first_empty_page_gives_null()
    {
        var last = (await Get("api/v1/alerts"))["next"]!.GetValue<string>();

        var polled = await Get($"api/v1/alerts?after={Uri.EscapeDataString(last)}");
        var none = await Get("api/v1/alerts?since=2030-01-01T00:00:00Z");

        Assert.Empty(Objects(polled));
        Assert.Equal(last, polled["next"]!.GetValue<string>());
        Assert.Null(none["next"]);
        Assert.Empty(Objects(none));
    }

    [Fact]
    public async Task A_cursor_the_service_did_not_give_is_400()
    {
        using var response = await server.Client.GetAsync("api/v1/alerts?after=yesterday", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("after", await response.Content.ReadAsStringAsync(Cancel));
    }
}
