using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Readings of the blind format review (2026-12-02) that no test pinned: where the contract's "count is connections" meets
/// a DNS client that sends every query from one socket (one 5-tuple). Cluster: <see cref="EdgeCluster"/>.
/// </summary>
public sealed class FormatReviewCaseTests
{
    [Fact]
    public void Dns_names_sent_from_one_socket_count_one_each_as_a_scans_ports_do()
    {
        // Each distinct name is an item of the window, and an item's first record counts one whatever its 5-tuple says,
        // as a port scan's ports do: the alert counts the 50 names that made it, not the one UDP socket they left by.
        var queries = Enumerable.Range(0, 50).Select(i => Hubble(i * 0.5, Web, "8.8.8.8", 50000, 53, "UDP", l7: DnsQuery($"q{i}.exfil-zone.com.")));
        var alert = Assert.Single(Check(queries), a => a.GetProperty("detector").GetString() == "dns-exfiltration");
        Assert.Equal(50, alert.GetProperty("count").GetInt32());
        Assert.Equal("*", alert.GetProperty("dst").GetString());
    }
}
