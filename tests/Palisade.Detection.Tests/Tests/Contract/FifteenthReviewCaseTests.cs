using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Cases of the fifteenth flow review (blind) that came out as the contract says: public suffixes of the private section,
/// a reply without <c>is_reply</c>, Hubble's AUDIT verdict, the 60 s interval's end in CSV and VPC, IPv6 in IP-only formats,
/// a node's kubelet, DNS over TCP through the proxy. Cluster: <see cref="EdgeCluster"/>.
/// </summary>
public sealed class FifteenthReviewCaseTests
{
    private static bool Has(IEnumerable<System.Text.Json.JsonElement> alerts, string detector) =>
        alerts.Any(a => a.GetProperty("detector").GetString() == detector);

    [Fact]
    public void Github_io_names_are_registered_per_user()
    {
        var split = Enumerable.Range(0, 50).Select(i => Hubble(i * 0.5, Web, "8.8.8.8", 50000 + i, 53, "UDP", l7: DnsQuery($"h{i}.{(i % 2 == 0 ? "alice" : "bob")}.github.io.")));
        Assert.False(Has(Check(split), "dns-exfiltration"));
        var one = Enumerable.Range(0, 50).Select(i => Hubble(i * 0.5, Web, "8.8.8.8", 50000 + i, 53, "UDP", l7: DnsQuery($"h{i}.alice.github.io.")));
        Assert.True(Has(Check(one), "dns-exfiltration"));
    }

    [Fact]
    public void A_reply_without_is_reply_is_not_a_new_connection()
    {
        var reply = JsonNode.Parse(Hubble(1.01, "203.0.113.7", Web, 443, 41000))!;
        reply["flow"]!.AsObject().Remove("is_reply");
        var alerts = Check([Hubble(1, Web, "203.0.113.7", 41000, 443), reply.ToJsonString()], baseline: [Hubble(-86400, Web, "203.0.113.7", 40000, 443)]);
        Assert.False(Has(alerts, "new-connection"), string.Join("\n", alerts.Select(Key)));
    }

    [Fact]
    public void An_audit_verdict_the_policy_denies_is_a_policy_violation()
    {
        var alerts = Check([Hubble(1, "10.0.5.9", Db, 41000, 5432, verdict: "AUDIT")]);
        Assert.Equal(["policy-violation shop/report[Pod] > shop/db[Deployment] TCP"], alerts.Select(Key));
    }

    [Theory]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void A_csv_scan_of_20_ports_over_60_s_is_one(int span, bool scan)
    {
        var lines = Enumerable.Range(0, 20).Select(i =>
            $"2026-01-02T10:{(i == 19 ? span : i) / 60:00}:{(i == 19 ? span : i) % 60:00}Z,{Web},{43000 + i},203.0.113.7,{1000 + i},TCP,60,FORWARDED");
        Assert.Equal(scan, Has(Check(["time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict", .. lines]), "port-scan"));
    }

    [Theory]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void A_vpc_scan_of_20_ports_over_60_s_is_one(int span, bool scan)
    {
        var lines = Enumerable.Range(0, 20).Select(i =>
            $"2 123456789012 eni-0a1b2c {Web} 203.0.113.7 {43000 + i} {1000 + i} 6 1 60 {1767348000 + (i == 19 ? span : i)} {1767348000 + (i == 19 ? span : i)} ACCEPT OK");
        Assert.Equal(scan, Has(Check(lines), "port-scan"));
    }
    [Fact]
    public void Ipv6_in_vpc_and_csv_resolves_the_pod()
    {
        string[] vpc = [$"2 123456789012 eni-0a1b2c 2001:db8::9 fd00:10:244::7 41000 5432 6 1 60 1767348000 1767348010 ACCEPT OK"];
        Assert.Equal(["policy-violation 2001:db8::9 > shop/db[Deployment] TCP"], Check(vpc).Select(Key));
        string[] csv = ["time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict", "2026-01-02T10:00:01Z,2001:db8::9,41000,fd00:10:244::7,5432,TCP,60,FORWARDED"];
        Assert.Equal(["policy-violation 2001:db8::9 > shop/db[Deployment] TCP"], Check(csv).Select(Key));
    }

    [Fact]
    public void A_pod_to_a_nodes_kubelet_in_csv_is_control_plane_access()
    {
        string[] csv = ["time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict", $"2026-01-02T10:00:01Z,{Web},41000,10.0.0.11,10250,TCP,60,FORWARDED"];
        Assert.Contains("control-plane-access shop/web[Deployment] > node/node-1 TCP", Check(csv).Select(Key));
    }

    [Fact]
    public void Dns_over_tcp_through_the_proxy_keeps_tcp()
    {
        static string Redirected(double t, int port)
        {
            var line = JsonNode.Parse(Hubble(t, Web, "8.8.8.8", port, 53, "TCP", verdict: "REDIRECTED"))!;
            line["flow"]!["l4"]!["TCP"]!["flags"] = new JsonObject { ["SYN"] = true };
            return line.ToJsonString();
        }
        var lines = Enumerable.Range(0, 50).SelectMany(i => new[] { Redirected(i * 0.5, 50000 + i), Hubble(i * 0.5 + 0.001, Web, "8.8.8.8", 50000 + i, 53, "TCP", l7: DnsQuery($"h{i}.evil.com.")) });
        var alerts = Check(lines);
        Assert.All(alerts, a => Assert.Equal("TCP", a.GetProperty("protocol").GetString()));
        Assert.Equal(50, Assert.Single(alerts, a => a.GetProperty("detector").GetString() == "dns-exfiltration").GetProperty("count").GetInt32());
    }
}
