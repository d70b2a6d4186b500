using System.Net;
using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Api;

/// <summary>
/// <c>/api/v1/flows</c> as a client pages through it: a cursor (<c>next</c>, sent back as <c>after</c>) that neither
/// repeats nor skips flows sharing one time, and, without <c>since</c>, the newest flows as a view of recent traffic wants them.
/// </summary>
public sealed class FlowsPagingTests : IAsyncLifetime
{
    private const string SameTime = "2023-11-14T22:13:20.005Z";

    private TestServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await TestServer.StartAsync();
        // 25 flows in one millisecond (a busy node's exporter), then 10 one millisecond apart; each to an address of its own.
        var body = string.Concat(Enumerable.Range(0, 25).Select(n => Bodies.Hubble(n, 1, destination: $"203.0.113.{n}")
            .Replace(Time(n), SameTime, StringComparison.Ordinal)));
        body += string.Concat(Enumerable.Range(25, 10).Select(n => Bodies.Hubble(n, 1, destination: $"203.0.113.{n}")));
        using var response = await server.Client.PostAsync("api/v1/ingest/hubble", new StringContent(body), Cancel);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private static string Time(int n) => DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddMilliseconds(n)
        .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<JsonNode> Get(string path)
    {
        using var response = await server.Client.GetAsync(path, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task Paging_with_the_cursor_lists_every_flow_once_even_when_many_share_a_time()
    {
        var seen = new List<string>();
        var page = await Get("api/v1/flows?since=2023-11-14&limit=10");
        while (page["flows"]!.AsArray().Count > 0)
        {
            Assert.Equal(35, page["total"]!.GetValue<long>());
            seen.AddRange(page["flows"]!.AsArray().Select(f => f!["dstIP"]!.GetValue<string>()));
            page = await Get($"api/v1/flows?since=2023-11-14&limit=10&after={Uri.EscapeDataString(page["next"]!.GetValue<string>())}");
        }

        Assert.Equal(Enumerable.Range(0, 35).Select(n => $"203.0.113.{n}").Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(35, seen.Count);
    }

    [Fact]
    public async Task The_last_page_gives_back_its_cursor_so_a_client_can_poll_for_newer_flows()
    {
        var first = await Get("api/v1/flows?since=2023-11-14&limit=100");
        var next = first["next"]!.GetValue<string>();
        var empty = await Get($"api/v1/flows?limit=100&after={Uri.EscapeDataString(next)}");
        Assert.Empty(empty["flows"]!.AsArray());
        Assert.Equal(next, empty["next"]!.GetValue<string>());

        using (var response = await server.Client.PostAsync("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(40, 1, destination: "198.51.100.7")), Cancel))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var newer = await Get($"api/v1/flows?limit=100&after={Uri.EscapeDataString(next)}");

        Assert.Equal(["198.51.100.7"], newer["flows"]!.AsArray().Select(f => f!["dstIP"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Without_since_the_newest_flows_are_listed_oldest_first_and_total_counts_all()
    {
        var page = await Get("api/v1/flows?limit=3");

        Assert.Equal(35, page["total"]!.GetValue<long>());
        Assert.Equal(["203.0.113.32", "203.0.113.33", "203.0.113.34"], page["flows"]!.AsArray().Select(f => f!["dstIP"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12-")]
    [InlineData("-1-2")]
    public async Task A_cursor_the_service_did_not_give_is_400_naming_after(string after)
    {
        using var response = await server.Client.GetAsync($"api/v1/flows?after={after}", Cancel);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith($"after: \"{after}\" is not a cursor", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
