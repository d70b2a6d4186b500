using System.Net;
using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Api;

/// <summary><c>/api/v1/alerts</c>: flow and audit alerts together, each in the detection contract's shape, filtered by time and name.</summary>
public sealed class AlertsApiTests : IAsyncLifetime
{
    private static readonly string[] FlowAlertKeys = ["detector", "severity", "src", "dst", "protocol", "ports", "first", "last", "count", "message", "policies", "attack"];
    private static readonly string[] AuditAlertKeys = ["rule", "severity", "time", "user", "verb", "object", "message", "opened", "attack"];

    private TestServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await TestServer.StartAsync();
        // A port scan from 2023-11-14T22:13:20Z to .024Z (25 ports of one address), and a policy deleted on 2024-03-01T10:00:00Z.
        var scan = string.Concat(Enumerable.Range(0, 25).Select(p => Bodies.Hubble(p, 1).Replace("\"destination_port\":443", $"\"destination_port\":{8000 + p}", StringComparison.Ordinal)));
        using (var flows = await server.Client.PostAsync("api/v1/ingest/hubble", new StringContent(scan), Cancel))
            Assert.Equal(HttpStatusCode.Accepted, flows.StatusCode);
        using (var audit = await server.Client.PostAsync("api/v1/ingest/audit", new StringContent(Bodies.AuditList(("id-1", "delete", "networkpolicies", "shop", "deny-all", "mallory"))), Cancel))
            Assert.Equal(HttpStatusCode.Accepted, audit.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await Alerts("")).Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "detection did not store both alerts within 20 s");
            await Task.Delay(100, Cancel);
        }
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private async Task<JsonArray> Alerts(string query)
    {
        using var response = await server.Client.GetAsync("api/v1/alerts" + query, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["alerts"]!.AsArray();
    }

    [Fact]
    public async Task Flow_and_audit_alerts_come_together_each_in_the_detection_contract_shape()
    {
        var alerts = await Alerts("");

        Assert.Equal(2, alerts.Count);
        var flow = alerts.Single(a => a!["detector"] is not null)!.AsObject();
        var audit = alerts.Single(a => a!["rule"] is not null)!.AsObject();
        Assert.Equal(FlowAlertKeys, flow.Select(p => p.Key));
        Assert.Equal(AuditAlertKeys, audit.Select(p => p.Key));
        Assert.Equal(("port-scan", "10.0.0.1", "203.0.113.9", "TCP", 25), (flow["detector"]!.GetValue<string>(), flow["src"]!.GetValue<string>(), flow["dst"]!.GetValue<string>(), flow["protocol"]!.GetValue<string>(), flow["count"]!.GetValue<int>()));
        Assert.Equal(Enumerable.Range(8000, 25), flow["ports"]!.AsArray().Select(p => p!.GetValue<int>()));
        Assert.Equal(("2023-11-14T22:13:20Z", "2023-11-14T22:13:20.024Z"), (flow["first"]!.GetValue<string>(), flow["last"]!.GetValue<string>()));
        Assert.Contains("T1046", flow["attack"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(("network-policy-tampering", "mallory", "delete", "NetworkPolicy shop/deny-all"), (audit["rule"]!.GetValue<string>(), audit["user"]!.GetValue<string>(), audit["verb"]!.GetValue<string>(), audit["object"]!.GetValue<string>()));
        Assert.Equal(DateTimeOffset.Parse("2024-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(audit["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("?since=2023-11-14T22:13:20.010Z", new[] { "port-scan", "network-policy-tampering" })]
    [InlineData("?since=2023-11-14T22:13:20.025Z", new[] { "network-policy-tampering" })]
    [InlineData("?since=2024-03-01T11:00:00%2B01:00", new[] { "network-policy-tampering" })]
    [InlineData("?since=2024-03-01T10:00:00.001Z", new string[0])]
    [InlineData("?detector=port-scan", new[] { "port-scan" })]
    [InlineData("?detector=network-policy-tampering", new[] { "network-policy-tampering" })]
    [InlineData("?rule=network-policy-tampering", new[] { "network-policy-tampering" })]
    [InlineData("?detector=exec", new string[0])]
    [InlineData("?limit=1", new[] { "network-policy-tampering" })]
    [InlineData("?since=2023-11-14T22:13:20.010Z&limit=1", new[] { "port-scan" })]
    public async Task Since_is_the_alerts_last_time_and_detector_matches_a_detector_or_a_rule(string query, string[] expected)
    {
        var alerts = await Alerts(query);

        Assert.Equal(expected, alerts.Select(a => (a!["detector"] ?? a["rule"])!.GetValue<string>()));
    }
}
