using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// An alert is one per detector, source, destination and protocol, and its <c>count</c> is every connection it aggregates
/// (sixteenth flow review): a <c>dns-exfiltration</c> alert (<c>dst</c> <c>*</c>) already open when another domain's or
/// another replica's names reach the threshold takes all of those names' queries, not only the one that reached it.
/// Cluster: <see cref="EdgeCluster"/>.
/// </summary>
public sealed class AlertCountTests
{
    private static IEnumerable<string> Queries(double start, string source, string domain, int firstPort) =>
        Enumerable.Range(0, 50).Select(i => Hubble(start + i * 0.5, source, "10.96.0.10", firstPort + i, 53, "UDP", l7: DnsQuery($"n{i}.{domain}.")));

    [Fact]
    public void Fifty_names_under_each_of_two_domains_are_one_alert_of_100_connections()
    {
        var alert = Assert.Single(Check([.. Queries(0, Web, "evil.com", 50000), .. Queries(30, Web, "bad.org", 51000)]));
        Assert.Equal("dns-exfiltration shop/web[Deployment] > * UDP", Key(alert));
        Assert.Equal(100, alert.GetProperty("count").GetInt32());
        var message = alert.GetProperty("message").GetString();
        Assert.Contains("under bad.org", message, StringComparison.Ordinal);
        Assert.Contains("under evil.com", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_replicas_of_one_workload_each_exfiltrating_are_one_alert_of_100_connections()
    {
        var alert = Assert.Single(Check([.. Queries(0, Web, "evil.com", 50000), .. Queries(30, Web2, "evil.com", 51000)]));
        Assert.Equal(100, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_long_label_then_fifty_names_are_one_alert_of_51_connections()
    {
        var alert = Assert.Single(Check([Hubble(0, Web, "10.96.0.10", 49000, 53, "UDP", l7: DnsQuery(new string('a', 60) + ".evil.com.")),
            .. Queries(1, Web, "evil.com", 50000)]));
        Assert.Equal(51, alert.GetProperty("count").GetInt32());
        Assert.Equal("2026-01-02T10:00:00Z", alert.GetProperty("first").GetString());
    }
}
