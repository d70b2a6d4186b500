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
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
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
            : ["version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
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
            "internet-egress shop/db[Deployment] > 2606:4700:4700::1111 ICMPv6",
        ], Keys(alerts));
        var tcp = Assert.Single(alerts, a => a.GetProperty("dst").GetString() == "2001:db8::5");
        Assert.Equal("2026-01-02T10:00:01Z", tcp.GetProperty("first").GetString());
    }

    [Fact]
    public void Gcp_ipv6_entries_of_a_dual_stack_pod_are_its_own()
    {
        var alerts = Check([GcpReporterTests.Entry("SRC", DbV6, "2606:4700:4700::1111", 41000, 443, "10:00:01", "10:00:02")]);
        Assert.Equal(["internet-egress shop/db[Deployment] > 2606:4700:4700::1111 TCP"], Keys(alerts));
    }
}
