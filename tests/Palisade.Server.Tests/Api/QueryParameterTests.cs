using System.Net;
using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Api;

/// <summary>
/// The query parameters of the read endpoints as an operator types them: RFC 3339 times with offsets and fractions (also
/// with the <c>+</c> of the offset left unencoded), bad times, limits and detector names refused with one-line 400s,
/// and unknown routes answered in JSON.
/// </summary>
public sealed class QueryParameterTests : IAsyncLifetime
{
    // Bodies.Hubble numbers flow n at 2023-11-14T22:13:20Z plus n milliseconds.
    private const int Flows = 50;

    private TestServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await TestServer.StartAsync();
        using var response = await server.Client.PostAsync("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(0, Flows)), Cancel);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> Get(string path)
    {
        using var response = await server.Client.GetAsync(path, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        JsonNode? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return (response.StatusCode, body, text);
    }

    [Theory]
    [InlineData("2023-11-14T22:13:20.010Z", 40)]
    [InlineData("2023-11-14T22:13:20.030000000Z", 20)]
    [InlineData("2023-11-14t22:13:20.030z", 20)]
    [InlineData("2023-11-14T23:13:20.010%2B01:00", 40)]
    [InlineData("2023-11-14T23:13:20.010+01:00", 40)]
    [InlineData("2023-11-14T21:13:20.040-01:00", 10)]
    [InlineData("2023-11-14T22:13:21Z", 0)]
    [InlineData("2023-11-14", 50)]
    [InlineData("2023-11-15", 0)]
    public async Task Since_is_the_instant_the_rfc_3339_time_names(string since, int expected)
    {
        var (status, body, text) = await Get($"api/v1/flows?since={since}&limit=0");

        Assert.True(status == HttpStatusCode.OK, text);
        Assert.Equal(expected, body!["total"]!.GetValue<long>());
    }

    /// <summary>A malformed request is 400 whether or not a cluster is watched: a 503 would have the client retry it unchanged.</summary>
    [Theory]
    [InlineData("api/v1/eval?src=a/web&port=80", "dst is required")]
    [InlineData("api/v1/eval?src=a/web&dst=b/db&port=80&protocol=ICMP", "protocol: \"ICMP\" is not TCP, UDP or SCTP")]
    [InlineData("api/v1/connectivity?format=xml", "format: \"xml\" is not one of")]
    [InlineData("api/v1/connectivity?granularity=node", "granularity: \"node\" is not workload or pod")]
    public async Task A_malformed_cluster_query_is_400_before_the_cluster_is_asked(string route, string error)
    {
        var (status, body, text) = await Get(route);

        Assert.True(status == HttpStatusCode.BadRequest, text);
        Assert.StartsWith(error, body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/v1/alerts?since=", "yesterday")]
    [InlineData("api/v1/alerts?since=", "05/01/2024")]
    [InlineData("api/v1/flows?since=", "10:00")]
    [InlineData("api/v1/flows?since=", "2023-11-14T22:13:20")]
    [InlineData("api/v1/flows?since=", "2023-11-14T24:00:00Z")]
    [InlineData("api/v1/changes?since=", "1700000000")]
    [InlineData("api/v1/changes?since=", "2023-11-14T22:13:20+0100")]
    [InlineData("api/v1/connectivity?at=", "Tue, 14 Nov 2023 22:13:20 GMT")]
    public async Task A_time_that_is_not_rfc_3339_is_400_in_one_line_naming_the_parameter(string route, string time)
    {
        var (status, body, _) = await Get(route + Uri.EscapeDataString(time));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body!["error"]!.GetValue<string>();
        var parameter = route[(route.IndexOf('?', StringComparison.Ordinal) + 1)..^1];
        Assert.StartsWith($"{parameter}: \"{time}\" is not an RFC 3339 time", error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public async Task An_error_reads_plainly_in_its_json()
    {
        var (_, _, text) = await Get("api/v1/alerts?since=yesterday's");

        Assert.Equal("{\"error\":\"since: \\\"yesterday's\\\" is not an RFC 3339 time (2024-05-01T10:40:56Z, 2024-05-01T12:40:56.5+02:00 or 2024-05-01)\"}\n", text);
    }

    [Theory]
    [InlineData("api/v1/flows?limit=-1")]
    [InlineData("api/v1/flows?limit=10001")]
    [InlineData("api/v1/flows?limit=ten")]
    [InlineData("api/v1/alerts?limit=0")]
    [InlineData("api/v1/changes?limit=1e3")]
    public async Task A_limit_out_of_bounds_is_400_naming_it(string path)
    {
        var (status, body, _) = await Get(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("limit: ", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Flows_total_counts_every_stored_flow_since_the_time_not_only_the_page()
    {
        var (_, page, _) = await Get("api/v1/flows?limit=5&since=2023-11-14T22:13:20.010Z");

        Assert.Equal(40, page!["total"]!.GetValue<long>());
        Assert.Equal(["2023-11-14T22:13:20.01Z", "2023-11-14T22:13:20.011Z", "2023-11-14T22:13:20.012Z", "2023-11-14T22:13:20.013Z", "2023-11-14T22:13:20.014Z"],
            page["flows"]!.AsArray().Select(f => f!["time"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("detector=port-scans")]
    [InlineData("detector=portscan")]
    [InlineData("rule=exec-into-pod")]
    public async Task An_unknown_detector_or_rule_is_400_listing_the_names(string query)
    {
        var (status, body, _) = await Get("api/v1/alerts?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body!["error"]!.GetValue<string>();
        Assert.Contains(query.Split('=')[1], error);
        Assert.Contains("port-scan", error);
        Assert.Contains("network-policy-tampering", error);
    }

    [Theory]
    [InlineData("denied-attempt")]
    [InlineData("policy-violation")]
    [InlineData("port-scan")]
    [InlineData("new-connection")]
    [InlineData("internet-egress")]
    [InlineData("control-plane-access")]
    [InlineData("metadata-access")]
    [InlineData("plaintext")]
    [InlineData("dns-exfiltration")]
    [InlineData("via-policy-change")]
    [InlineData("network-policy-tampering")]
    [InlineData("label-change-opened")]
    [InlineData("exec")]
    [InlineData("exposure-change")]
    [InlineData("rbac-escalation")]
    [InlineData("anonymous-access")]
    [InlineData("secret-access")]
    [InlineData("host-network-pod")]
    public async Task Every_detector_and_rule_of_the_contract_is_a_filter(string name)
    {
        var (status, body, _) = await Get("api/v1/alerts?detector=" + name);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body!["alerts"]!.AsArray());
    }

    [Fact]
    public async Task A_detector_named_in_capitals_or_by_its_id_filters_as_its_name()
    {
        var scan = string.Concat(Enumerable.Range(0, 25).Select(p => Bodies.Hubble(1000 + p, 1).Replace("\"destination_port\":443", $"\"destination_port\":{8000 + p}", StringComparison.Ordinal)));
        using (var posted = await server.Client.PostAsync("api/v1/ingest/hubble", new StringContent(scan), Cancel))
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await Get("api/v1/alerts?detector=port-scan")).Body!["alerts"]!.AsArray().Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100, Cancel);

        var (status, body, _) = await Get("api/v1/alerts?detector=Port-Scan");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("port-scan", body!["alerts"]!.AsArray().Single()!["detector"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("api/v1/alerts?detecter=port-scan", "detecter", "since, detector, rule, limit, after")]
    [InlineData("api/v1/flows?sinse=2023-11-14T22:13:21Z", "sinse", "since, limit, after")]
    [InlineData("api/v1/changes?limt=5", "limt", "since, limit, format, after")]
    [InlineData("api/v1/connectivity?namespace=shop", "namespace", "format, at, granularity")]
    [InlineData("api/v1/findings?formt=sarif", "formt", "format")]
    [InlineData("api/v1/eval?src=a/b&dst=c/d&port=80&proto=udp", "proto", "src, dst, port, protocol")]
    public async Task An_unknown_query_parameter_is_400_naming_it_and_the_known_ones(string path, string parameter, string known)
    {
        // A typo would otherwise answer as if the parameter were absent: every alert, every flow, the json format.
        var (status, body, _) = await Get(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"{parameter}: not a parameter of this route; the parameters are {known}", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_parameter_a_sender_adds_at_ingestion_is_ignored()
    {
        // The API server's audit webhook posts through client-go, which adds timeout= to the URL.
        using var response = await server.Client.PostAsync("api/v1/ingest/hubble?timeout=30s", new StringContent(Bodies.Hubble(100, 1)), Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "api/v1/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("GET", "api/v1/ingest/hubble", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "api/v1/alerts", HttpStatusCode.MethodNotAllowed)]
    public async Task An_unknown_route_or_method_is_answered_as_a_json_error(string method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? new StringContent("{}") : null };
        using var response = await server.Client.SendAsync(request, Cancel);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!["error"]!.GetValue<string>();
        Assert.Contains(path.Split('/')[^1], error);
    }
}
