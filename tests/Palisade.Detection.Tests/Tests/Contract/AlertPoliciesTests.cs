using System.Text.Json;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// An alert's <c>policies</c> are those behind the verdicts of every record it aggregates (seventh flow review): before,
/// the record that opened the alert named them, so the same records in another order gave other policies.
/// </summary>
public sealed class AlertPoliciesTests
{
    private const string Header = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict";

    // report may reach db on 5432 only: a probe of 5432 is denied by db's ingress alone, one of 6000 by both sides.
    private const string ReportEgress = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: report-egress, namespace: shop}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - to: [{podSelector: {matchLabels: {app: db}}}]
            ports: [{port: 5432, protocol: TCP}]
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_denied_attempt_names_the_policies_denying_each_of_its_records_whatever_their_order(bool ingressOnlyFirst)
    {
        string[] records =
        [
            "2026-01-02T10:00:00Z,10.0.5.9,40000,10.244.1.7,5432,TCP,60,DROPPED",
            "2026-01-02T10:00:01Z,10.0.5.9,40001,10.244.1.7,6000,TCP,60,DROPPED",
        ];
        var alert = Single(Check([Header, .. ingressOnlyFirst ? records : records.Reverse()], moreCluster: ReportEgress), "denied-attempt");
        Assert.Equal([5432, 6000], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(["shop/db-ingress", "shop/report-egress"], alert.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void A_vertical_scan_names_the_policies_of_the_probes_before_it_fired()
    {
        // 19 probes of 5432 (denied by db's ingress alone) and other ports, the one that fires on a port both sides deny.
        string[] probes = [.. Enumerable.Range(0, 20).Select(i => $"2026-01-02T10:00:{i:00}Z,10.0.5.9,{40000 + i},10.244.1.7,{(i == 0 ? 5432 : 6000 + i)},TCP,60,DROPPED")];
        var scan = Single(Check([Header, .. probes.Skip(1), probes[0].Replace("10:00:00Z", "10:00:30Z", StringComparison.Ordinal)], moreCluster: ReportEgress), "port-scan");
        Assert.Equal(["shop/db-ingress", "shop/report-egress"], scan.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void A_horizontal_scan_names_the_policies_of_every_destination_it_probed()
    {
        // report probes 5432 on db (isolated by db-ingress, which does not admit report) and on 19 external addresses (not
        // isolated); the probe that completes the scan is an external one.
        string[] probes = [.. Enumerable.Range(0, 20).Select(i => $"2026-01-02T10:00:{i:00}Z,10.0.5.9,{40000 + i},{(i == 0 ? "10.244.1.7" : $"203.0.113.{i}")},5432,TCP,60,DROPPED")];
        var scan = Assert.Single(Check([Header, .. probes]), a => a.GetProperty("detector").GetString() == "port-scan"
            && a.GetProperty("dst").GetString() == "*");
        Assert.Equal(["shop/db-ingress"], scan.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void A_horizontal_scan_across_the_detectors_periodic_pruning_still_names_its_destinations_policies()
    {
        // 65,529 connections of web to db (allowed) come first, so the port-scan detector prunes its state (every 65,536
        // flows) between report's probe of db and the external probes that complete the scan.
        string[] filler = [.. Enumerable.Range(0, 65_529).Select(i => $"2026-01-02T10:00:00Z,10.244.1.5,{(i % 60_000) + 1024},10.244.1.7,5432,TCP,60,FORWARDED")];
        string[] probes = [.. Enumerable.Range(0, 20).Select(i => $"2026-01-02T10:00:{i:00}Z,10.0.5.9,{40000 + i},{(i == 0 ? "10.244.1.7" : $"203.0.113.{i}")},5432,TCP,60,DROPPED")];
        var scan = Assert.Single(Check([Header, .. filler, .. probes]), a => a.GetProperty("detector").GetString() == "port-scan"
            && a.GetProperty("dst").GetString() == "*");
        Assert.Equal(["shop/db-ingress"], scan.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
    }

    private static JsonElement Single(IReadOnlyList<JsonElement> alerts, string detector) =>
        Assert.Single(alerts, a => a.GetProperty("detector").GetString() == detector);
}
