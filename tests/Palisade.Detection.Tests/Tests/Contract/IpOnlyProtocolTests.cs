using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// What the IP-only formats carry besides TCP, UDP and ICMP over IPv4: other IANA protocol numbers (GRE 47, ESP 50, SCTP
/// 132, ICMPv6 58), IPv6 records (VPC <c>type IPv6</c>, CSV and GCP addresses), CSV times with an offset. The contract's
/// address rules do not depend on the protocol: a pod to a public address is internet egress, whatever it speaks, and
/// documentation ranges count as public. shop/db holds 10.244.1.7 and fd00:10:244::7.
/// </summary>
public sealed class IpOnlyProtocolTests
{
    private const string DbV6 = "fd00:10:244::7";

    private static string[] Keys(IReadOnlyList<System.Text.Json.JsonElement> alerts) => [.. alerts.Select(Key).Order(StringComparer.Ordinal)];

    [Fact]
    public void Vpc_records_of_other_protocols_and_of_ipv6_are_judged_by_their_addresses()
    {
        var alerts = Check([
            Scenarios.Formats.VpcWriter.V2Header,
            $"2 123456789012 eni-db {Db} 198.51.100.20 0 0 47 4 400 1767348000 1767348010 ACCEPT OK",
            $"2 123456789012 eni-db {Db} 198.51.100.21 0 0 50 4 400 1767348000 1767348010 ACCEPT OK",
            $"2 123456789012 eni-db {DbV6} 2606:4700:4700::1111 0 0 58 4 400 1767348000 1767348010 ACCEPT OK",
            $"2 123456789012 eni-db {DbV6} 2001:db8::5 41000 443 6 4 400 1767348000 1767348010 ACCEPT OK",
            $"2 123456789012 eni-db {DbV6} fd00:ec2::254 41001 80 6 4 400 1767348000 1767348010 ACCEPT OK",
        ]);
        var sources = alerts.Select(a => $"{a.GetProperty("detector").GetString()} {a.GetProperty("src").GetString()} > {a.GetProperty("dst").GetString()}").Order(StringComparer.Ordinal);
        Assert.Equal([
            "internet-egress shop/db[Deployment] > 198.51.100.20",
            "internet-egress shop/db[Deployment] > 198.51.100.21",
            "internet-egress shop/db[Deployment] > 2001:db8::5",
            "internet-egress shop/db[Deployment] > 2606:4700:4700::1111",
            "metadata-access shop/db[Deployment] > fd00:ec2::254",
        ], sources);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("vpc")]
    public void An_icmp_error_answering_a_udp_datagram_is_no_connection_of_its_own(string format)
    {
        // db asks a public resolver that has nothing on port 53: its port unreachable comes back from the resolver. Without
        // an ICMP type (VPC, CSV, GCP) it would read as the resolver probing db, which db's policy isolates.
        string[] lines = format == "csv"
            ? ["time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
               $"2026-01-02T10:00:01Z,{Db},41000,198.51.100.9,53,UDP,80,FORWARDED",
               $"2026-01-02T10:00:01.2Z,198.51.100.9,0,{Db},0,ICMP,108,FORWARDED"]
            : [Scenarios.Formats.VpcWriter.V2Header,
               $"2 123456789012 eni-db {Db} 198.51.100.9 41000 53 17 1 80 1767348001 1767348002 ACCEPT OK",
               $"2 123456789012 eni-db 198.51.100.9 {Db} 0 0 1 1 108 1767348001 1767348002 ACCEPT OK"];
        Assert.Equal(["internet-egress shop/db[Deployment] > 198.51.100.9 UDP"], Keys(Check(lines)));
    }

    [Fact]
    public void Csv_takes_iana_numbers_ipv6_and_rfc_3339_offsets()
    {
        var alerts = Check([
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            $"2026-01-02T12:00:01+02:00,{DbV6},41000,2001:db8::5,443,6,900,FORWARDED",
            $"2026-01-02T10:00:02Z,{DbV6},0,2606:4700:4700::1111,0,58,900,FORWARDED",
            $"2026-01-02T10:00:03Z,{Web},40000,{Db},9000,132,900,DROPPED",
        ]);
        Assert.Equal([
            "denied-attempt shop/web[Deployment] > shop/db[Deployment] SCTP",
            "internet-egress shop/db[Deployment] > 2001:db8::5 TCP",
            "internet-egress shop/db[Deployment] > 2606:4700:4700::1111 ICMP",
        ], Keys(alerts));
        var tcp = Assert.Single(alerts, a => a.GetProperty("dst").GetString() == "2001:db8::5");
        Assert.Equal("2026-01-02T10:00:01Z", tcp.GetProperty("first").GetString());
    }

    [Fact]
    public void A_ping_sweep_a_netflow_exporter_wrote_with_the_icmp_type_as_port_is_no_port_scan()
    {
        // nfdump's CSV puts an ICMP message's type and code in dst_port (8 × 256 + 0 for an echo request).
        var alerts = Check([
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            .. Enumerable.Range(1, 22).Select(i => $"2026-01-02T10:00:{i:00}Z,{Db},0,198.51.100.{i},2048,1,84,FORWARDED"),
        ]);
        Assert.DoesNotContain(alerts, a => a.GetProperty("detector").GetString() == "port-scan");
        Assert.Equal(22, alerts.Count(a => a.GetProperty("detector").GetString() == "internet-egress" && a.GetProperty("ports").GetArrayLength() == 0));
    }

    [Fact]
    public void Gcp_ipv6_entries_of_a_dual_stack_pod_are_its_own()
    {
        var alerts = Check([GcpReporterTests.Entry("SRC", DbV6, "2606:4700:4700::1111", 41000, 443, "10:00:01", "10:00:02")]);
        Assert.Equal(["internet-egress shop/db[Deployment] > 2606:4700:4700::1111 TCP"], Keys(alerts));
    }

    [Fact]
    public void A_ping_is_icmp_over_either_address_family_in_every_format()
    {
        // The contract names TCP, UDP, SCTP and ICMP: a CSV export can only call an IPv6 ping ICMP, so Hubble's ICMPv6 and
        // the IANA number 58 are ICMP too, and a dual-stack pod's pings of one workload over both families are one alert.
        var hubble = Check([
            """{"flow":{"time":"2026-01-02T10:00:01Z","verdict":"FORWARDED","IP":{"source":"fd00:10:244::7","destination":"2001:db8::9","ipVersion":"IPv6"},"l4":{"ICMPv6":{"type":128}},"Type":"L3_L4"}}""",
            """{"flow":{"time":"2026-01-02T10:00:02Z","verdict":"FORWARDED","IP":{"source":"10.0.5.9","destination":"fd00:10:244::7","ipVersion":"IPv6"},"l4":{"ICMPv6":{"type":128}},"Type":"L3_L4"}}""",
            """{"flow":{"time":"2026-01-02T10:00:03Z","verdict":"FORWARDED","IP":{"source":"10.0.5.9","destination":"10.244.1.7","ipVersion":"IPv4"},"l4":{"ICMPv4":{"type":8}},"Type":"L3_L4"}}""",
        ]);
        Assert.Equal([
            "internet-egress shop/db[Deployment] > 2001:db8::9 ICMP",
            "policy-violation shop/report[Pod] > shop/db[Deployment] ICMP",
        ], Keys(hubble));
        Assert.Equal(2, Assert.Single(hubble, a => a.GetProperty("detector").GetString() == "policy-violation").GetProperty("count").GetInt32());
        var csv = Check([
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            $"2026-01-02T10:00:01Z,{DbV6},,2001:db8::9,,ICMP,84,FORWARDED",
            $"2026-01-02T10:00:02Z,{DbV6},,2001:db8::a,,ICMPv6,84,FORWARDED",
        ]);
        Assert.Equal(["internet-egress shop/db[Deployment] > 2001:db8::9 ICMP", "internet-egress shop/db[Deployment] > 2001:db8::a ICMP"], Keys(csv));
    }

    [Fact]
    public void A_baseline_saved_with_icmpv6_still_knows_the_ipv6_pings()
    {
        using var dir = new Palisade.Testing.TempDirectory();
        var cluster = Write(dir);
        File.WriteAllText(dir.File("baseline.json"),
            """{"kind":"PalisadeFlowBaseline","version":1,"edges":[{"src":"shop/db[Deployment]","dst":"2001:db8::/64","protocol":"ICMPv6"}]}""");
        File.WriteAllText(dir.File("flows.csv"), $"time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2026-01-02T10:00:01Z,{DbV6},,2001:db8::9,,58,84,FORWARDED\n");
        var run = Palisade.Testing.CliRun.Of(["flows", "check", dir.File("flows.csv"), "--cluster", cluster, "--baseline", dir.File("baseline.json"), "-o", "json"]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("new-connection", run.Output, StringComparison.Ordinal);
    }
}
