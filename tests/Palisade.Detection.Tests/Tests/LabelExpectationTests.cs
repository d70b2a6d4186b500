using Palisade.Detection.Tests.Scenarios.Definitions;
using Palisade.Detection.Tests.Scenarios.Formats;
using Palisade.Detection.Tests.Scenarios.Labels;

namespace Palisade.Detection.Tests.Tests;

/// <summary>
/// The oracle against labels written by hand from each scenario's story and the contract, so that a slip in
/// either shows. Every scenario carries the background's seven alerts: Prometheus scraping the four kubelets
/// and CoreDNS reaching the kubernetes Service (control-plane-access), the shop's payment provider and the
/// batch job's object store (internet-egress).
/// </summary>
public sealed class LabelExpectationTests
{
    private const string Toolbox = "dev/toolbox[Deployment]", Scratch = "dev/scratch[Deployment]", Worker = "batch/report-worker[Deployment]";
    private const string Redis = "data/redis-cart[Deployment]", Postgres = "data/postgres[StatefulSet]", Grafana = "monitoring/grafana[Deployment]";

    private static readonly string[] Background =
    [
        "control-plane-access monitoring/prometheus[Deployment] node/cp-1 TCP 10250",
        "control-plane-access monitoring/prometheus[Deployment] node/worker-1 TCP 10250",
        "control-plane-access monitoring/prometheus[Deployment] node/worker-2 TCP 10250",
        "control-plane-access monitoring/prometheus[Deployment] node/worker-3 TCP 10250",
        "control-plane-access kube-system/coredns[Deployment] 10.96.0.1 TCP 443",
        "internet-egress shop/checkoutservice[Deployment] 198.51.100.7 TCP 443",
        $"internet-egress {Worker} 52.216.8.10 TCP 443",
    ];

    [Fact]
    public void Port_scans()
    {
        var scanned = string.Join(",", PortScanPart.VerticalPorts.Order());
        var dropped = string.Join(",", PortScanPart.VerticalPorts.Where(p => p != 8080).Order());
        Expect("a-port-scan", FlowFormat.Hubble,
            $"port-scan {Toolbox} shop/frontend[Deployment] TCP {scanned}",
            $"denied-attempt {Toolbox} shop/frontend[Deployment] TCP {dropped}",
            $"port-scan {Toolbox} * TCP 22");
        // Without a verdict the dropped ports are still denied by policy; the scans do not depend on verdicts.
        Assert.Equal(Labels("a-port-scan", FlowFormat.Hubble), Labels("a-port-scan", FlowFormat.Gcp));
    }

    [Fact]
    public void Lateral_movement()
    {
        string[] egress =
        [
            $"internet-egress {Toolbox} 52.94.1.77 TCP 443", $"internet-egress {Toolbox} 52.94.2.5 TCP 443", $"internet-egress {Toolbox} 52.94.2.9 TCP 443",
            $"internet-egress {Toolbox} 52.94.1.10 TCP 8443", $"internet-egress {Toolbox} 8.8.8.8 UDP 53",
        ];
        Expect("b-lateral-movement", FlowFormat.Csv,
            [
                .. egress,
                $"new-connection {Toolbox} 52.94.2.5 TCP 443", $"new-connection {Toolbox} 52.94.1.10 TCP 8443",
                $"new-connection {Toolbox} monitoring/prometheus[Deployment] TCP 9090", $"new-connection {Toolbox} 8.8.8.8 UDP 53",
                $"new-connection {Scratch} shop/adservice[Deployment] TCP 9555", $"policy-violation {Scratch} shop/adservice[Deployment] TCP 9555",
                $"denied-attempt {Toolbox} {Redis} TCP 6379",
            ]);
        Expect("b-lateral-movement", FlowFormat.Gcp,
            [.. egress, $"denied-attempt {Toolbox} {Redis} TCP 6379", $"denied-attempt {Scratch} shop/adservice[Deployment] TCP 9555"]);
    }

    [Fact]
    public void Enforcement_gaps()
    {
        string[] gaps = [$"shop/frontend[Deployment] shop/paymentservice[Deployment] TCP 50051", $"{Worker} {Postgres} TCP 5432", $"{Scratch} shop/emailservice[Deployment] TCP 8080"];
        string[] drops = [$"{Toolbox} {Redis} TCP 6379", "shop/loadgenerator[Deployment] shop/cartservice[Deployment] TCP 7070", $"{Worker} 10.200.3.3 TCP 443"];
        Expect("c-enforcement-gaps", FlowFormat.VpcV2, [.. gaps.Select(g => "policy-violation " + g), .. drops.Select(d => "denied-attempt " + d)]);
        Expect("c-enforcement-gaps", FlowFormat.Gcp, [.. gaps.Concat(drops).Select(d => "denied-attempt " + d)]);
    }

    [Fact]
    public void Internet_egress() =>
        Expect("d-internet-egress", FlowFormat.VpcV5,
            $"internet-egress {Worker} 203.0.113.50 TCP 443", $"internet-egress {Toolbox} 172.32.10.5 TCP 443",
            $"internet-egress {Toolbox} 100.128.1.1 TCP 80", $"internet-egress {Scratch} 1.1.1.1 UDP 53");

    [Fact]
    public void Metadata_and_control_plane() =>
        Expect("e-metadata-control-plane", FlowFormat.Hubble,
            $"metadata-access {Toolbox} 169.254.169.254 TCP 80", $"control-plane-access {Scratch} 10.96.0.1 TCP 443",
            $"control-plane-access {Toolbox} node/cp-1 TCP 2379,6443", $"control-plane-access {Toolbox} node/worker-2 TCP 10250");

    [Fact]
    public void Plaintext() =>
        Expect("f-plaintext", FlowFormat.Hubble,
            "plaintext shop/paymentservice[Deployment] payments/payment-gateway[Deployment] TCP 8080",
            "plaintext payments/payment-gateway[Deployment] payments/fraud-check[Deployment] TCP 8080",
            $"plaintext {Grafana} monitoring/prometheus[Deployment] TCP 9090",
            $"plaintext {Toolbox} 203.0.113.80 TCP 80", $"internet-egress {Toolbox} 203.0.113.80 TCP 80",
            "plaintext shop/frontend[Deployment] shop/checkoutservice[Deployment] TCP 5050");

    [Fact]
    public void Dns_exfiltration() =>
        Expect("g-dns-exfiltration", FlowFormat.Hubble,
            $"dns-exfiltration {Toolbox} * UDP 53", $"dns-exfiltration {Scratch} * UDP 53", "dns-exfiltration shop/checkoutservice[Deployment] * UDP 53");

    [Fact]
    public void Policy_change()
    {
        Expect("h-policy-change", FlowFormat.Hubble,
            $"denied-attempt {Toolbox} {Postgres} TCP 5432", $"policy-violation {Scratch} {Redis} TCP 6379", $"policy-violation {Grafana} {Redis} TCP 6379",
            $"via-policy-change {Toolbox} {Postgres} TCP 5432", $"via-policy-change {Scratch} {Redis} TCP 6379");
        var labels = LabelOracle.For(ScenarioCatalog.Get("h-policy-change"), FlowFormat.Hubble);
        var create = labels.Single(l => l.Detector == "via-policy-change" && l.Src == Toolbox).Cause!;
        var patch = labels.Single(l => l.Detector == "via-policy-change" && l.Src == Scratch).Cause!;
        Assert.Equal(new LabelCause("2025-06-03T14:05:00.125000Z", "mallory", "create", "NetworkPolicy data/allow-dev-debug"), create);
        Assert.Equal(new LabelCause("2025-06-03T14:07:00.750000Z", "mallory", "patch", "NetworkPolicy data/allow-dev-debug"), patch);
        Expect("h-policy-change", FlowFormat.Gcp,
            $"denied-attempt {Toolbox} {Postgres} TCP 5432", $"denied-attempt {Scratch} {Redis} TCP 6379", $"denied-attempt {Grafana} {Redis} TCP 6379");
    }

    [Fact]
    public void Mixed_holds_every_part_and_new_edges_for_the_attacks()
    {
        var hubble = Labels("mixed", FlowFormat.Hubble).ToHashSet();
        foreach (var part in new[] { "a-port-scan", "c-enforcement-gaps", "d-internet-egress", "e-metadata-control-plane", "f-plaintext", "g-dns-exfiltration" })
            Assert.Subset(hubble, Labels(part, FlowFormat.Hubble).Where(l => !l.StartsWith("new-connection", StringComparison.Ordinal)).ToHashSet());
        Assert.Contains($"new-connection {Toolbox} 10.200.7.10 TCP 22", hubble);
        Assert.Contains($"new-connection {Scratch} 10.96.0.1 TCP 443", hubble);
        Assert.Contains($"new-connection {Toolbox} 169.254.169.254 TCP 80", hubble);
        Assert.DoesNotContain(hubble, l => l.StartsWith("new-connection", StringComparison.Ordinal) && l.Contains("node/", StringComparison.Ordinal));
        Assert.DoesNotContain(hubble, l => l.StartsWith($"port-scan {Scratch}", StringComparison.Ordinal));
    }

    private static void Expect(string scenario, FlowFormat format, params string[] expected)
    {
        var actual = Labels(scenario, format).ToHashSet();
        var wanted = Background.Concat(expected).ToHashSet();
        Assert.True(actual.SetEquals(wanted),
            $"{scenario}/{format}\n  not labelled: {string.Join("\n    ", wanted.Except(actual))}\n  labelled, not expected: {string.Join("\n    ", actual.Except(wanted))}");
    }

    private static string[] Labels(string scenario, FlowFormat format) =>
        [.. LabelOracle.For(ScenarioCatalog.Get(scenario), format).Select(l => $"{l.Detector} {l.Src} {l.Dst} {l.Protocol} {string.Join(",", l.Ports)}")];
}
