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
        if (source == Web)
            flow["source"] = WebEndpoint();
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

    /// <summary>
    /// The egress proxy's own connection to the server, as the corpus shows it (bookinfo, productpage to details): sent
    /// from the node's router address (cilium_host, here 10.244.1.1 in node-1's pod range, which no pod holds) with the
    /// client's security identity and labels but no pod name, pooled across the client's connections, and delivered to
    /// the server (to-endpoint) or to the tunnel (to-overlay, no is_reply, no direction).
    /// </summary>
    private static string Upstream(double seconds, int sourcePort, string flags, string point, string source = "10.244.1.1",
        int port = 5432, string verdict = "FORWARDED")
    {
        var line = JsonNode.Parse(Hubble(seconds, source, Db, sourcePort, port, verdict: verdict,
            dropReason: verdict == "DROPPED" ? "POLICY_DENIED" : null))!;
        var flow = line["flow"]!.AsObject();
        flow["source"] = new JsonObject
        {
            ["identity"] = 31337,
            ["labels"] = new JsonArray("k8s:app=web", "k8s:io.cilium.k8s.policy.serviceaccount=web", "k8s:io.kubernetes.pod.namespace=shop"),
        };
        flow["destination"] = new JsonObject
        {
            ["ID"] = 881, ["identity"] = 4242, ["namespace"] = "shop", ["pod_name"] = "db-def34-ccccc",
            ["labels"] = new JsonArray("k8s:app=db", "k8s:io.kubernetes.pod.namespace=shop"),
        };
        flow["l4"]!["TCP"]!["flags"] = new JsonObject { [flags] = true };
        flow["event_type"] = new JsonObject { ["type"] = 4, ["sub_type"] = point == "TO_OVERLAY" ? 4 : 0 };
        flow["trace_observation_point"] = point;
        if (point == "TO_OVERLAY")
            flow.Remove("is_reply");
        else
            flow["traffic_direction"] = "INGRESS";
        return line.ToJsonString();
    }

    /// <summary>shop/web's pod as Hubble names it, with its security identity.</summary>
    private static JsonObject WebEndpoint() => new()
    {
        ["ID"] = 2078, ["identity"] = 31337, ["namespace"] = "shop", ["pod_name"] = "web-abc12-aaaaa",
        ["labels"] = new JsonArray("k8s:app=web", "k8s:io.cilium.k8s.policy.serviceaccount=web", "k8s:io.kubernetes.pod.namespace=shop"),
    };

    /// <summary>A connection of shop/web to shop/db:5432 redirected to its egress proxy (SYN's verdict, trace to the proxy).</summary>
    private static IEnumerable<string> ProxiedToDb(double seconds, int sourcePort, int port = 5432)
    {
        yield return Packet(seconds, Web, Db, sourcePort, port, "TCP", "REDIRECTED", "SYN");
        yield return Packet(seconds + 0.0001, Web, Db, sourcePort, port, "TCP", "FORWARDED", "SYN");
    }

    [Fact]
    public void The_egress_proxys_upstream_leg_is_not_a_connection_of_its_own()
    {
        // Two connections of web to db (which admits web on 5432), carried by one pooled upstream connection of the proxy.
        // The leg's address is no pod's: judged as an external peer it would be a policy-violation into db and a new
        // connection from 10.244.1.0/24, and it would count the client's connections twice.
        var alerts = Check([
            .. ProxiedToDb(1, 41000),
            Upstream(1.001, 56896, "SYN", "TO_ENDPOINT"),
            Upstream(1.002, 56896, "PSH", "TO_ENDPOINT"),
            .. ProxiedToDb(2, 41001),
            Upstream(2.001, 56896, "PSH", "TO_OVERLAY"),
        ], baseline: [Hubble(-86400, Web, "169.254.169.254", 40000, 80)]);
        var alert = Assert.Single(alerts);
        Assert.Equal("new-connection shop/web[Deployment] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void The_ingress_proxys_leg_from_the_nodes_address_is_not_the_nodes_connection()
    {
        // An ingress proxy connects to the server from its node's address, marked with the client's identity.
        var alerts = Check([.. ProxiedToDb(1, 41000), Upstream(1.001, 38000, "SYN", "TO_ENDPOINT", source: "10.0.0.11")],
            baseline: [Hubble(-86400, Web, "169.254.169.254", 40000, 80)]);
        Assert.Equal(["new-connection shop/web[Deployment] > shop/db[Deployment] TCP"], alerts.Select(Key));
    }

    [Fact]
    public void The_upstream_leg_dropped_by_the_servers_policy_is_the_clients_denied_attempt()
    {
        // db admits web only on 5432: web's connection to 9000 passes its own egress proxy (redirected, forwarded to the
        // proxy) and the proxy's connection is dropped by db's ingress policy. The connection was enforced: web's
        // denied attempt, not a violation, and not an attempt of the router address.
        var alerts = Check([
            .. ProxiedToDb(1, 41000, 9000),
            Upstream(1.001, 56000, "SYN", "TO_ENDPOINT", port: 9000, verdict: "DROPPED"),
            Packet(1.002, Web, Db, 41000, 9000, "TCP", "FORWARDED", "ACK"),
            Upstream(2.001, 56000, "SYN", "TO_ENDPOINT", port: 9000, verdict: "DROPPED"),
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
        Assert.Equal([9000], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
    }
}
