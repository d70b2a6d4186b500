using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// A VPC flow log file is not in time order: it holds the capture windows of many interfaces (up to 10 minutes each,
/// each record's <c>start</c> its flow's first packet in the window), delivered together. The contract's windows and
/// spans are of the records' own times: a scan is ≥ 20 ports "within any 60 s interval", <c>first</c>/<c>last</c>
/// "the earliest start and the latest end", and a connection one interface let out and another rejected is dropped.
/// </summary>
public sealed class VpcRecordOrderTests
{
    private const string Header = Scenarios.Formats.VpcWriter.V2Header;

    private static string V2(string eni, string src, string dst, int srcPort, int dstPort, int start, int end, string action = "ACCEPT", int protocol = 6) =>
        $"2 123456789012 {eni} {src} {dst} {srcPort} {dstPort} {protocol} 2 120 {1767348000 + start} {1767348000 + end} {action} OK";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_scan_whose_records_are_interleaved_with_a_later_window_is_a_scan(bool backwards)
    {
        // web probes 20 ports of db within 20 s (all rejected); between them the file lists one record of a window five
        // minutes later (the same pair, another port), and the rest of the probes, in time order or backwards.
        var rest = Enumerable.Range(10, 10).Select(i => V2("eni-db", Web, Db, 42000 + i, 20000 + i, i, i + 1, "REJECT"));
        var alerts = Check([
            Header,
            .. Enumerable.Range(0, 10).Select(i => V2("eni-db", Web, Db, 42000 + i, 20000 + i, i, i + 1, "REJECT")),
            V2("eni-db", Web, Db, 43000, 8443, 300, 301, "REJECT"),
            .. backwards ? rest.Reverse() : rest,
        ]);
        var scan = Assert.Single(alerts, a => a.GetProperty("detector").GetString() == "port-scan");
        Assert.Equal("port-scan shop/web[Deployment] > shop/db[Deployment] TCP", Key(scan));
        Assert.Equal("2026-01-02T10:00:00Z", scan.GetProperty("first").GetString());
    }

    [Fact]
    public void Probes_spread_over_more_than_the_scan_interval_are_no_scan_in_whatever_order()
    {
        // 20 ports in 95 s, one every 5 s: no 60 s interval holds more than 13; listed odd seconds first.
        var alerts = Check([
            Header,
            .. Enumerable.Range(0, 20).OrderBy(i => i % 2).Select(i => V2("eni-db", Web, Db, 42000 + i, 20000 + i, 5 * i, 5 * i + 1, "REJECT")),
        ]);
        Assert.Equal(["denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP"], alerts.Select(Key));
    }

    [Fact]
    public void First_and_last_are_the_earliest_start_and_the_latest_end_whatever_the_order_of_the_records()
    {
        var alerts = Check([
            Header,
            V2("eni-db", Db, "203.0.113.10", 41000, 443, 100, 160),
            V2("eni-db", Db, "203.0.113.10", 41001, 443, 40, 90),
            V2("eni-db", Db, "203.0.113.10", 41002, 443, 110, 130),
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("internet-egress shop/db[Deployment] > 203.0.113.10 TCP", Key(alert));
        Assert.Equal(3, alert.GetProperty("count").GetInt32());
        Assert.Equal(("2026-01-02T10:00:40Z", "2026-01-02T10:02:40Z"), (alert.GetProperty("first").GetString(), alert.GetProperty("last").GetString()));
    }

    [Fact]
    public void A_rejection_at_the_servers_interface_listed_after_a_later_window_still_drops_the_connection()
    {
        // The client's interface let web's SYN to db:9000 out; the file then lists a record of a window two minutes later
        // before the server's interface's REJECT of the same connection.
        var alerts = Check([
            Header,
            V2("eni-web", Web, Db, 41000, 9000, 0, 58),
            V2("eni-web", Web, "10.244.1.6", 41500, 8080, 120, 178),
            V2("eni-db", Web, Db, 41000, 9000, 1, 59, "REJECT"),
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_new_connection_to_an_external_24_names_the_earliest_address_not_the_first_listed()
    {
        // "dst is the first address seen": in time, as a reader of the log expects, whatever order the file lists them in.
        var alerts = Check([
            Header,
            V2("eni-db", Db, "203.0.113.10", 41000, 443, 100, 160),
            V2("eni-db", Db, "203.0.113.20", 41001, 443, 40, 90),
        ], baseline: ["time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict", "2026-01-01T10:00:01Z,10.244.1.5,41000,10.244.1.7,5432,TCP,900,FORWARDED"]);
        var alert = Assert.Single(alerts, a => a.GetProperty("detector").GetString() == "new-connection");
        Assert.Equal("new-connection shop/db[Deployment] > 203.0.113.20 TCP", Key(alert));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_new_connection_from_an_external_24_names_the_earliest_address_as_its_source()
    {
        // The /24 is the key of both ends; the address shown is the earliest flow's, at either end, as for dst.
        var alerts = Check([
            Header,
            V2("eni-web", "203.0.113.10", Web, 41000, 8080, 100, 160),
            V2("eni-web", "203.0.113.20", Web, 41001, 8080, 40, 90),
        ], baseline: ["time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict", "2026-01-01T10:00:01Z,10.244.1.5,41000,10.244.1.7,5432,TCP,900,FORWARDED"]);
        var alert = Assert.Single(alerts, a => a.GetProperty("detector").GetString() == "new-connection");
        Assert.Equal("new-connection 203.0.113.20 > shop/web[Deployment] TCP", Key(alert));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_scans_span_is_the_earliest_start_and_the_latest_end_of_its_probes()
    {
        // The first probe was retried for 50 s (one record: the capture window aggregates the SYNs of one 5-tuple); the
        // twentieth, which completes the scan, ended at 20 s.
        var alerts = Check([
            Header,
            .. Enumerable.Range(0, 20).Select(i => V2("eni-db", Web, Db, 42000 + i, 20000 + i, i, i == 0 ? 50 : i + 1, "REJECT")),
        ]);
        var scan = Assert.Single(alerts, a => a.GetProperty("detector").GetString() == "port-scan");
        Assert.Equal(("2026-01-02T10:00:00Z", "2026-01-02T10:00:50Z"), (scan.GetProperty("first").GetString(), scan.GetProperty("last").GetString()));
    }

    [Fact]
    public void A_scan_of_probes_that_wait_for_a_rejection_elsewhere_is_still_a_scan()
    {
        // web's probes of db leave web's interface accepted; the one to 5432 is allowed, the others wait for a REJECT at
        // db's interface that never comes, and are judged once a record 11 minutes later shows none will.
        var alerts = Check([
            Header,
            V2("eni-web", Web, Db, 42000, 5432, 0, 1),
            .. Enumerable.Range(1, 19).Select(i => V2("eni-web", Web, Db, 42000 + i, 20000 + i, i, i + 1)),
            V2("eni-web", Web, "10.244.1.6", 43000, 8080, 660, 661),
        ]);
        Assert.Equal(["policy-violation shop/web[Deployment] > shop/db[Deployment] TCP", "port-scan shop/web[Deployment] > shop/db[Deployment] TCP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
    }
}
