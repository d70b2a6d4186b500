using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// A port scan's <c>count</c> is its connections (seventh flow review): the alert spans the probes of the interval
/// that reached the threshold, so it counts every connection among them, not one per port or destination.
/// </summary>
public sealed class PortScanCountTests
{
    private const string Header = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict";

    [Fact]
    public void A_vertical_scan_counts_each_probe_of_a_port_probed_twice_before_it_fired()
    {
        // 19 ports of db probed twice each (new client ports: 38 connections), then the 20th port: 39 connections.
        string[] probes = [.. Enumerable.Range(0, 38).Select(i => Line(i / 2.0, 40000 + i, "10.244.1.7", 1000 + i % 19)),
            Line(30, 45000, "10.244.1.7", 1019)];
        var scan = Assert.Single(Check([Header, .. probes]), a => a.GetProperty("detector").GetString() == "port-scan");
        Assert.Equal("shop/db[Deployment]", scan.GetProperty("dst").GetString());
        Assert.Equal(20, scan.GetProperty("ports").GetArrayLength());
        Assert.Equal(39, scan.GetProperty("count").GetInt32());
        Assert.Equal("2026-01-02T10:00:00Z", scan.GetProperty("first").GetString());
        Assert.Equal("2026-01-02T10:00:30Z", scan.GetProperty("last").GetString());
    }

    [Fact]
    public void A_horizontal_scan_counts_each_probe_of_a_destination_probed_twice_before_it_fired()
    {
        string[] probes = [.. Enumerable.Range(0, 38).Select(i => Line(i / 2.0, 40000 + i, $"203.0.113.{i % 19 + 1}", 22)),
            Line(30, 45000, "203.0.113.99", 22)];
        var scan = Assert.Single(Check([Header, .. probes]), a => a.GetProperty("detector").GetString() == "port-scan");
        Assert.Equal("*", scan.GetProperty("dst").GetString());
        Assert.Equal([22], scan.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(39, scan.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Records_of_one_probe_at_several_observation_points_count_once()
    {
        // Each probe logged twice (the same 5-tuple, as a CSV export of two observation points writes it): 20 connections.
        string[] probes = [.. Enumerable.Range(0, 40).Select(i => Line(i / 2.0, 40000 + i / 2, "10.244.1.7", 1000 + i / 2))];
        var scan = Assert.Single(Check([Header, .. probes]), a => a.GetProperty("detector").GetString() == "port-scan");
        Assert.Equal(20, scan.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_scan_in_a_csv_file_not_in_time_order_is_still_found()
    {
        // A CSV export grouped otherwise than by time: a later record of the same pair lies among the probes. The probes
        // still fall within one 60 s interval.
        string[] probes = [.. Enumerable.Range(0, 20).Select(i => Line(i, 40000 + i, "10.244.1.7", 1000 + i))];
        var scan = Assert.Single(Check([Header, .. probes[..10], Line(300, 39999, "10.244.1.7", 1000), .. probes[10..]]),
            a => a.GetProperty("detector").GetString() == "port-scan");
        Assert.Equal(20, scan.GetProperty("ports").GetArrayLength());
        Assert.Equal("2026-01-02T10:00:00Z", scan.GetProperty("first").GetString());
    }

    [Fact]
    public void A_port_the_source_used_long_before_the_scan_joins_it_from_within_the_interval_only()
    {
        // report queries db on 5432 every 30 s from 10:00:00, then probes 20 other ports from 10:03:20: the scan's interval
        // holds the queries of 10:03:00 and 10:03:30, not those of the three minutes before.
        string[] queries = [.. Enumerable.Range(0, 8).Select(i => Line(i * 30, 30000 + i, "10.244.1.7", 5432))];
        string[] probes = [.. Enumerable.Range(0, 20).Select(i => Line(200 + i, 40000 + i, "10.244.1.7", 1000 + i))];
        var scan = Assert.Single(Check([Header, .. queries[..7], .. probes[..10], queries[7], .. probes[10..]]),
            a => a.GetProperty("detector").GetString() == "port-scan");
        Assert.Equal("2026-01-02T10:03:00Z", scan.GetProperty("first").GetString());
        Assert.Equal("2026-01-02T10:03:39Z", scan.GetProperty("last").GetString());
        Assert.Equal(22, scan.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Two_horizontal_scans_of_one_source_on_two_ports_are_one_alert_counting_both()
    {
        // 20 addresses probed on 22, then the same 20 on 3389 (sixteenth flow review): one alert per detector, source,
        // destination (*) and protocol, with both ports and all 40 connections (before, the second scan added only the
        // probe that fired it: 21).
        string[] probes = [.. Enumerable.Range(0, 20).Select(i => Line(i, 40000 + i, $"203.0.113.{i + 1}", 22)),
            .. Enumerable.Range(0, 20).Select(i => Line(30 + i, 41000 + i, $"203.0.113.{i + 1}", 3389))];
        var scan = Assert.Single(Check([Header, .. probes]), a => a.GetProperty("detector").GetString() == "port-scan");
        Assert.Equal("*", scan.GetProperty("dst").GetString());
        Assert.Equal([22, 3389], scan.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(40, scan.GetProperty("count").GetInt32());
        Assert.Equal("2026-01-02T10:00:00Z", scan.GetProperty("first").GetString());
        Assert.Equal("2026-01-02T10:00:49Z", scan.GetProperty("last").GetString());
    }

    private static string Line(double seconds, int sourcePort, string destination, int port) =>
        $"{new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero).AddSeconds(seconds).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'},10.0.5.9,{sourcePort},{destination},{port},TCP,60,DROPPED";
}
