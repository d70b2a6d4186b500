using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// A connection that stays open longer than the idle timeout between two of its records: Cilium's monitor aggregation
/// reports a TCP connection when its flags change (SYN, then FIN or RST), so a database pool's or a watch's connection
/// shows its SYN and, an hour later, its FIN; a VPC interface logs nothing while it is idle. A record without SYN cannot
/// open a connection: it continues the one its 5-tuple was seen on. shop/report is not admitted by db's policy.
/// </summary>
public sealed class LongConnectionTests
{
    private static string Tcp(double seconds, int sourcePort, params string[] flags)
    {
        var line = JsonNode.Parse(Hubble(seconds, "10.0.5.9", Db, sourcePort, 5432))!;
        var set = new JsonObject();
        foreach (var flag in flags)
            set[flag] = true;
        line["flow"]!["l4"]!["TCP"]!["flags"] = set;
        return line.ToJsonString();
    }

    [Fact]
    public void The_fin_of_a_connection_open_for_half_an_hour_is_not_another_connection()
    {
        var alert = Assert.Single(Check([Tcp(0, 41000, "SYN"), Tcp(0.001, 41000, "ACK"), Tcp(1800, 41000, "FIN", "ACK")]));
        Assert.Equal("policy-violation shop/report[Pod] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
        Assert.Equal("2026-01-02T10:30:00Z", alert.GetProperty("last").GetString());
    }

    [Fact]
    public void A_new_syn_on_the_same_socket_after_the_timeout_is_another_connection()
    {
        var alert = Assert.Single(Check([Tcp(0, 41000, "SYN"), Tcp(1, 41000, "FIN", "ACK"), Tcp(1800, 41000, "SYN")]));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_vpc_window_with_only_the_fin_after_an_idle_hour_continues_the_connection()
    {
        static string Window(long start, int flags) =>
            $"5 123456789012 eni-0a1b2c 10.0.5.9 10.244.1.7 41000 5432 6 3 180 {1767348000 + start} {1767348000 + start + 55} ACCEPT OK {flags} egress";
        var alert = Assert.Single(Check([
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status tcp-flags flow-direction",
            Window(0, 2), Window(3600, 1),
        ]));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
        Assert.Equal("2026-01-02T11:00:55Z", alert.GetProperty("last").GetString());
    }
    [Theory]
    [InlineData(7200)]
    [InlineData(90000)]
    public void The_fin_or_rst_of_a_connection_idle_longer_than_the_table_keeps_it_is_not_another_connection(double seconds)
    {
        // web's connections to db (admitted) in between make the table grow, and so clear out what it held idle.
        var others = Enumerable.Range(0, 600).Select(i => Hubble(seconds - 10 + i * 0.01, Web, Db, 50000 + i, 5432));
        var alert = Assert.Single(Check([Tcp(0, 41000, "SYN"), Tcp(0.001, 41000, "ACK"), .. others, Tcp(seconds, 41000, "FIN", "ACK"),
            Tcp(seconds + 0.001, 41000, "RST")]));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_lone_fin_whose_syn_the_input_never_showed_is_the_end_of_one_connection()
    {
        var alert = Assert.Single(Check([Tcp(5000, 41000, "FIN", "ACK"), Tcp(5000.001, 41000, "ACK")]));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
    }
}
