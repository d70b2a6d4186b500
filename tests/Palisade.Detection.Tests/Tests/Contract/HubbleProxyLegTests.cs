using System.Text.Json;
using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// A connection redirected to Cilium's L7 proxy, as <c>hubble observe -o json</c> shows it (the shape of the corpus's
/// bookinfo flows): the policy verdict on its SYN (<c>REDIRECTED</c>, event type 5), the packets to the proxy
/// (<c>to-proxy</c> traces), then one L7 record (<c>Type: L7</c>) per request on the same 5-tuple, and the replies.
/// The L3/L4 events come before the first L7 record, so the L7 detectors must count the connections their requests
/// travelled on, not only those an L7 record happened to open.
/// </summary>
public sealed class HubbleProxyLegTests
{
    private static readonly JsonObject Authorization = new() { ["key"] = "Authorization", ["value"] = "Basic dXNlcjpwYXNz" };

    /// <summary>An L3/L4 event of the client's side: the policy verdict (REDIRECTED) or a trace to the proxy.</summary>
    private static string Packet(double seconds, string source, string destination, int sourcePort, int port, string protocol, string verdict, string? flags)
    {
        var line = JsonNode.Parse(Hubble(seconds, source, destination, sourcePort, port, protocol, verdict: verdict))!;
        var flow = line["flow"]!;
        flow["traffic_direction"] = "EGRESS";
        if (verdict == "REDIRECTED")
        {
            flow["event_type"] = new JsonObject { ["type"] = 5 };
            flow["policy_match_type"] = 3;
        }
        else
        {
            flow["event_type"] = new JsonObject { ["type"] = 4, ["sub_type"] = 1 };
            flow["trace_observation_point"] = "TO_PROXY";
        }
        if (flags is not null)
            flow["l4"]![protocol]!["flags"] = new JsonObject { [flags] = true };
        return line.ToJsonString();
    }

    /// <summary>The proxy's L7 record of a request, as Cilium writes it (<c>Type: L7</c>, event type 129).</summary>
    private static string Request(double seconds, string source, string destination, int sourcePort, int port, string protocol, JsonObject l7,
        string verdict = "FORWARDED")
    {
        var line = JsonNode.Parse(Hubble(seconds, source, destination, sourcePort, port, protocol, verdict: verdict, l7: l7))!;
        line["flow"]!["event_type"] = new JsonObject { ["type"] = 129 };
        line["flow"]!["traffic_direction"] = "EGRESS";
        return line.ToJsonString();
    }

    private static JsonObject Get(string url) => new()
    {
        ["type"] = "REQUEST",
        ["http"] = new JsonObject
        {
            ["method"] = "GET", ["url"] = url, ["protocol"] = "HTTP/1.1",
            ["headers"] = new JsonArray(Authorization.DeepClone(), new JsonObject { ["key"] = "User-Agent", ["value"] = "curl/8.5.0" }),
        },
    };

    /// <summary>One HTTP connection through the proxy: its handshake, then its requests (keep-alive) on one 5-tuple.</summary>
    private static IEnumerable<string> HttpConnection(double seconds, int sourcePort, int requests)
    {
        yield return Packet(seconds, Db, Web, sourcePort, 8080, "TCP", "REDIRECTED", "SYN");
        yield return Packet(seconds + 0.0001, Db, Web, sourcePort, 8080, "TCP", "FORWARDED", "SYN");
        yield return Packet(seconds + 0.0002, Db, Web, sourcePort, 8080, "TCP", "FORWARDED", "ACK");
        for (var i = 0; i < requests; i++)
            yield return Request(seconds + 0.001 + i * 0.1, Db, Web, sourcePort, 8080, "TCP", Get($"http://web.shop:8080/orders/{i}"));
    }

    /// <summary>One DNS query through Cilium's DNS proxy: the UDP packet's policy verdict, then the L7 request.</summary>
    private static IEnumerable<string> DnsLookup(double seconds, int sourcePort, string name, string verdict = "FORWARDED")
    {
        yield return Packet(seconds, Web, "10.96.0.10", sourcePort, 53, "UDP", "REDIRECTED", null);
        yield return Request(seconds + 0.0001, Web, "10.96.0.10", sourcePort, 53, "UDP", DnsQuery(name), verdict);
    }

    private static JsonElement Only(IReadOnlyList<JsonElement> alerts, string detector) =>
        Assert.Single(alerts, a => a.GetProperty("detector").GetString() == detector);

    [Fact]
    public void Plaintext_counts_each_proxied_connection_once_whatever_its_requests()
    {
        // Three connections; the first carries two requests (keep-alive).
        var alerts = Check([.. HttpConnection(1, 41000, 2), .. HttpConnection(2, 41001, 1), .. HttpConnection(3, 41002, 1)]);
        var alert = Only(alerts, "plaintext");
        Assert.Equal("plaintext shop/db[Deployment] > shop/web[Deployment] TCP", Key(alert));
        Assert.Equal(3, alert.GetProperty("count").GetInt32());
        Assert.Equal([8080], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
    }

    [Fact]
    public void Dns_exfiltration_counts_the_queries_after_it_fired()
    {
        // 50 names in 50 s fire the alert; 10 more names follow, each from a socket of its own.
        var alerts = Check([.. Enumerable.Range(0, 60).SelectMany(i => DnsLookup(i, 40000 + i, $"c{i}.tunnel.example.com."))]);
        var alert = Only(alerts, "dns-exfiltration");
        Assert.Equal("dns-exfiltration shop/web[Deployment] > * UDP", Key(alert));
        Assert.Equal(60, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Dns_exfiltration_by_long_labels_counts_each_query()
    {
        var label = new string('a', 51);
        var alerts = Check([.. DnsLookup(1, 40001, $"{label}.x.example.com."), .. DnsLookup(2, 40002, $"{label}.y.example.com.")]);
        Assert.Equal(2, Only(alerts, "dns-exfiltration").GetProperty("count").GetInt32());
    }

    [Fact]
    public void Lookups_the_dns_proxy_refuses_count_one_denied_attempt_each()
    {
        // A toFQDNs rule refusing the names: the UDP packet was redirected to the proxy, which dropped the query
        // (Hubble: dns-request DROPPED, without a drop reason). Three lookups from three sockets.
        var alerts = Check([.. Enumerable.Range(0, 3).SelectMany(i => DnsLookup(1 + i, 40000 + i, $"c{i}.blocked.example.org.", "DROPPED"))]);
        var alert = Only(alerts, "denied-attempt");
        Assert.Equal("denied-attempt shop/web[Deployment] > 10.96.0.10 UDP", Key(alert));
        Assert.Equal(3, alert.GetProperty("count").GetInt32());
        Assert.Equal([53], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
    }
}
