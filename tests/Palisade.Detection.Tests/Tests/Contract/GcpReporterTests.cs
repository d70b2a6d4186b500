using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// GCP VPC flow logs as Cloud Logging holds them when both VMs of a connection log it: each flow direction is reported
/// by the sending VM (<c>reporter: SRC</c>) and by the receiving one (<c>DEST</c>), with start and end times of their
/// own, and the entry's <c>timestamp</c> is when it was written, seconds after the flow. GCP has no verdict: the policy
/// in force decides. The contract counts connections, not records, and <c>first</c>/<c>last</c> span the records'
/// start and end. shop/db admits only shop/web on TCP 5432.
/// </summary>
public sealed class GcpReporterTests
{
    internal static string Entry(string reporter, string src, string dst, int srcPort, int dstPort, string start, string end, int protocol = 6) =>
        $$"""{"insertId":"{{reporter}}{{srcPort}}{{start}}","jsonPayload":{"reporter":"{{reporter}}","start_time":"2026-01-02T{{start}}Z","end_time":"2026-01-02T{{end}}Z","connection":{"src_ip":"{{src}}","dest_ip":"{{dst}}","src_port":{{srcPort}},"dest_port":{{dstPort}},"protocol":{{protocol}}},"bytes_sent":"600","packets_sent":"5"},"logName":"projects/p/logs/compute.googleapis.com%2Fvpc_flows","timestamp":"2026-01-02T10:09:00Z"}""";

    [Fact]
    public void A_denied_request_reported_by_both_vms_is_one_attempt()
    {
        var alerts = Check([
            Entry("SRC", Web, Db, 41000, 9000, "10:00:01.000", "10:00:04.000"),
            Entry("DEST", Web, Db, 41000, 9000, "10:00:01.002", "10:00:04.003"),
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
        Assert.Equal(("2026-01-02T10:00:01Z", "2026-01-02T10:00:04.003Z"), (alert.GetProperty("first").GetString(), alert.GetProperty("last").GetString()));
    }

    [Fact]
    public void A_single_packet_ping_reported_by_both_vms_is_one_attempt()
    {
        // One echo request and its reply: each VM logs the packet it sent and the one it received, with its own clock, and a
        // single packet's record starts and ends at once. shop/report's ping into db, which admits only web on TCP 5432.
        var alerts = Check([
            Entry("SRC", "10.0.5.9", Db, 0, 0, "10:00:01.000", "10:00:01.000", protocol: 1),
            Entry("DEST", "10.0.5.9", Db, 0, 0, "10:00:01.002", "10:00:01.002", protocol: 1),
            Entry("SRC", Db, "10.0.5.9", 0, 0, "10:00:01.003", "10:00:01.003", protocol: 1),
            Entry("DEST", Db, "10.0.5.9", 0, 0, "10:00:01.001", "10:00:01.001", protocol: 1),
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("denied-attempt shop/report[Pod] > shop/db[Deployment] ICMP", Key(alert));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_connection_and_its_replies_reported_by_both_vms_is_one_connection_spanning_the_requests_times()
    {
        var alerts = Check([
            Entry("DEST", Web, Db, 8080, 41000, "10:00:01.001", "10:00:03.000"),
            Entry("SRC", Db, Web, 41000, 8080, "10:00:01.000", "10:00:05.000"),
            Entry("SRC", Web, Db, 8080, 41000, "10:00:01.001", "10:00:03.000"),
            Entry("DEST", Db, Web, 41000, 8080, "10:00:01.001", "10:00:05.001"),
        ], baseline: [
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            "2026-01-01T10:00:01Z,10.244.1.5,41000,10.244.1.7,5432,TCP,900,FORWARDED",
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("new-connection shop/db[Deployment] > shop/web[Deployment] TCP", Key(alert));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
        Assert.Equal(("2026-01-02T10:00:01Z", "2026-01-02T10:00:05.001Z"), (alert.GetProperty("first").GetString(), alert.GetProperty("last").GetString()));
    }

    [Fact]
    public void A_reply_whose_request_was_not_sampled_is_not_a_connection()
    {
        // Flow logs sample packets: of web's call to db:5432, only db's answer was logged, by web's VM.
        var alerts = Check([Entry("DEST", Db, Web, 5432, 41000, "10:00:01.000", "10:00:02.000")]);
        Assert.Empty(alerts);
    }
}
