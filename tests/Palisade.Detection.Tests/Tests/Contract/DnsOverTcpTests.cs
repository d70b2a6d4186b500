using System.Text.Json;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// DNS over TCP (a truncated answer retried, a resolver configured with <c>use-vc</c>, zone transfers): Hubble shows the
/// L7 DNS records with an <c>l4</c> of TCP. The contract's <c>protocol</c> is the record's, so every alert they raise says
/// TCP, as one over UDP says UDP.
/// </summary>
public sealed class DnsOverTcpTests
{
    private static IReadOnlyList<JsonElement> Queries(string protocol, int count, Func<int, string> name) =>
        Check(Enumerable.Range(0, count).Select(i => Hubble(i * 0.5, Web, "8.8.8.8", 50000 + i, 53, protocol, l7: DnsQuery(name(i)))));

    private static string ProtocolOf(IReadOnlyList<JsonElement> alerts, string detector) =>
        Assert.Single(alerts, a => a.GetProperty("detector").GetString() == detector).GetProperty("protocol").GetString()!;

    [Theory]
    [InlineData("TCP")]
    [InlineData("UDP")]
    public void Fifty_names_under_one_domain_are_exfiltration_over_the_records_protocol(string protocol)
    {
        var alerts = Queries(protocol, 50, i => $"h{i}.evil.com.");
        Assert.Equal(protocol, ProtocolOf(alerts, "dns-exfiltration"));
        Assert.Equal(protocol, ProtocolOf(alerts, "internet-egress"));
    }

    [Theory]
    [InlineData("TCP")]
    [InlineData("UDP")]
    public void A_long_label_is_exfiltration_over_the_records_protocol(string protocol)
    {
        var alerts = Queries(protocol, 1, _ => new string('a', 60) + ".evil.com.");
        Assert.Equal(protocol, ProtocolOf(alerts, "dns-exfiltration"));
    }
    [Fact]
    public void Queries_over_tcp_after_the_alert_opened_over_udp_are_reported_as_tcp()
    {
        // A resolver retries over TCP when an answer is truncated: those queries travelled over TCP, not UDP.
        var lines = Enumerable.Range(0, 55).Select(i =>
            Hubble(i * 0.5, Web, "8.8.8.8", 50000 + i, 53, i < 50 ? "UDP" : "TCP", l7: DnsQuery($"h{i}.evil.com.")));
        var alerts = Check(lines).Where(a => a.GetProperty("detector").GetString() == "dns-exfiltration")
            .Select(a => (a.GetProperty("protocol").GetString(), a.GetProperty("count").GetInt32())).Order().ToArray();
        Assert.Equal([("TCP", 5), ("UDP", 50)], alerts);
    }

    [Fact]
    public void Names_over_udp_and_tcp_count_together_and_each_protocol_is_its_own_alert()
    {
        // One pod, 50 names under one domain within 60 s, 30 over UDP and 20 over TCP: exfiltration, reported per protocol.
        var lines = Enumerable.Range(0, 50).Select(i =>
            Hubble(i * 0.5, Web, "8.8.8.8", 50000 + i, 53, i % 5 < 3 ? "UDP" : "TCP", l7: DnsQuery($"h{i}.evil.com.")));
        var alerts = Check(lines).Where(a => a.GetProperty("detector").GetString() == "dns-exfiltration")
            .Select(a => (a.GetProperty("protocol").GetString(), a.GetProperty("count").GetInt32())).Order().ToArray();
        Assert.Equal([("TCP", 20), ("UDP", 30)], alerts);
    }
}
