using System.Text.Json;
using System.Text.Json.Nodes;
using Palisade.Testing;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Hand-written labelled cases at the edges of the Detection contract (PRODUCT.md): which records count as
/// connections, how addresses are named, which drops are policy drops, and where thresholds and windows end.
/// Each runs <c>flows check -o json</c> on the small <see cref="EdgeCluster"/> and compares the alerts' keys.
/// </summary>
public sealed class ContractEdgeTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>One Hubble flow event: the {"flow": …} envelope of <c>hubble observe -o json</c>.</summary>
    internal static string Hubble(double seconds, string src, string dst, int srcPort, int dstPort, string protocol = "TCP",
        string verdict = "FORWARDED", string? dropReason = null, JsonObject? l7 = null, bool reply = false)
    {
        var time = Start.AddSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var flow = new JsonObject
        {
            ["time"] = time,
            ["verdict"] = verdict,
            ["IP"] = new JsonObject { ["source"] = src, ["destination"] = dst, ["ipVersion"] = src.Contains(':') ? "IPv6" : "IPv4" },
            ["l4"] = new JsonObject { [protocol] = new JsonObject { ["source_port"] = srcPort, ["destination_port"] = dstPort } },
            ["Type"] = l7 is null ? "L3_L4" : "L7",
            ["is_reply"] = reply,
            ["node_name"] = "node-1",
        };
        if (dropReason is not null)
            flow["drop_reason_desc"] = dropReason;
        if (l7 is not null)
            flow["l7"] = l7;
        return new JsonObject { ["flow"] = flow, ["node_name"] = "node-1", ["time"] = time }.ToJsonString();
    }

    internal static JsonObject DnsQuery(string name) =>
        new() { ["type"] = "REQUEST", ["dns"] = new JsonObject { ["query"] = name, ["qtypes"] = new JsonArray("A") } };

    /// <summary>Runs <c>flows check</c> on the Hubble lines, with a baseline learned from other lines when given.</summary>
    internal static IReadOnlyList<JsonElement> Check(IEnumerable<string> lines, IEnumerable<string>? baseline = null, bool withNodes = true,
        bool withEndpoints = true, string? moreCluster = null) =>
        CheckFiles([lines], baseline, withNodes, withEndpoints, moreCluster);

    /// <summary>Runs <c>flows check</c> on several Hubble files (one per node, say), given in this order.</summary>
    internal static IReadOnlyList<JsonElement> CheckFiles(IEnumerable<IEnumerable<string>> files, IEnumerable<string>? baseline = null, bool withNodes = true,
        bool withEndpoints = true, string? moreCluster = null)
    {
        using var dir = new TempDirectory();
        var cluster = Write(dir, withNodes, withEndpoints, moreCluster);
        var paths = files.Select((lines, i) =>
        {
            File.WriteAllText(dir.File($"flows{i}.jsonl"), string.Join('\n', lines) + "\n");
            return dir.File($"flows{i}.jsonl");
        }).ToArray();
        string[] options = [];
        if (baseline is not null)
        {
            File.WriteAllText(dir.File("baseline.jsonl"), string.Join('\n', baseline) + "\n");
            options = ["--baseline", dir.File("baseline.jsonl")];
        }
        var run = CliRun.Of(["flows", "check", .. paths, "--cluster", cluster, "-o", "json", .. options]);
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        return [.. output.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.Clone())];
    }

    internal static string Key(JsonElement a) =>
        $"{a.GetProperty("detector").GetString()} {a.GetProperty("src").GetString()} > {a.GetProperty("dst").GetString()} {a.GetProperty("protocol").GetString()}";

    private static JsonElement Only(IReadOnlyList<JsonElement> alerts, string detector) =>
        Assert.Single(alerts, a => a.GetProperty("detector").GetString() == detector);

    [Fact]
    public void A_connection_seen_before_and_after_kube_proxys_DNAT_counts_once()
    {
        // The client's side shows the Service's cluster IP and port, the server's side the pod and its target port;
        // both resolve to shop/db at 5432 from the same client socket: one connection, not two.
        var alerts = Check([
            Hubble(1, Web, DbService, 41000, 5432),
            Hubble(1.001, Web, Db, 41000, 5432),
            Hubble(2, Web, DbService, 41001, 5432),
        ], baseline: [Hubble(-86400, Db, Web, 40000, 8080)]);
        var alert = Only(alerts, "new-connection");
        Assert.Equal("new-connection shop/web[Deployment] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
        Assert.Equal([5432], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
    }

    [Fact]
    public void Connections_to_two_pods_of_one_workload_from_different_sockets_count_apart()
    {
        var alerts = Check([
            Hubble(1, Web, "169.254.169.254", 41000, 80),
            Hubble(1.5, Web, "169.254.169.254", 41000, 80),
            Hubble(2, Web2, "169.254.169.254", 41000, 80),
            Hubble(3, Web, "::ffff:169.254.169.254", 41001, 80),
        ]);
        var alert = Only(alerts, "metadata-access");
        Assert.Equal("metadata-access shop/web[Deployment] > 169.254.169.254 TCP", Key(alert));
        Assert.Equal(3, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Only_policy_drop_reasons_make_denied_attempts()
    {
        var alerts = Check([
            Hubble(1, Web, Db, 41000, 9001, verdict: "DROPPED", dropReason: "POLICY_DENIED"),
            Hubble(2, Web, Db, 41001, 9002, verdict: "DROPPED", dropReason: "CT_MAP_INSERTION_FAILED"),
            Hubble(3, Web, Db, 41002, 9003, verdict: "DROPPED", dropReason: "POLICY_DENIED", reply: true),
        ]);
        var alert = Only(alerts, "denied-attempt");
        Assert.Equal("denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal([9001], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
    }

    [Fact]
    public void The_api_server_is_its_cluster_ip_and_port_or_its_endpoint_and_kubelet_is_a_nodes_port()
    {
        var alerts = Check([
            Hubble(1, Web, "10.96.0.1", 41000, 443),
            Hubble(2, Web, "10.0.0.10", 41001, 6443),
            Hubble(3, Web, "10.0.0.11", 41002, 10250),
            Hubble(4, Web, "10.0.0.11", 41003, 22),
        ]);
        Assert.Equal(
            ["control-plane-access shop/web[Deployment] > 10.96.0.1 TCP", "control-plane-access shop/web[Deployment] > node/cp-1 TCP",
             "control-plane-access shop/web[Deployment] > node/node-1 TCP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_horizontal_scan_counts_the_replicas_of_one_workload_as_one_destination()
    {
        // 18 public addresses and both pods of shop/web: 19 destinations as alerts name them, under the threshold.
        string[] under = [.. Enumerable.Range(1, 18).Select(i => Hubble(i, Db, $"203.0.113.{i}", 42000 + i, 22)),
            Hubble(19, Db, Web, 42100, 22), Hubble(20, Db, Web2, 42101, 22)];
        Assert.DoesNotContain(Check(under), a => a.GetProperty("detector").GetString() == "port-scan");
        var scan = Only(Check([.. under, Hubble(21, Db, "203.0.113.99", 42200, 22)]), "port-scan");
        Assert.Equal("port-scan shop/db[Deployment] > * TCP", Key(scan));
    }

    [Theory]
    [InlineData(20, 60.0, true)]
    [InlineData(20, 60.01, false)]
    [InlineData(19, 60.0, false)]
    public void A_scan_is_the_threshold_of_ports_within_60_s_both_ends_included(int ports, double span, bool scan)
    {
        // "≥ 20 distinct ports ... within any 60 s interval": 20 ports reach it; the first and last probe 60 s apart are
        // within one interval; further apart they are not.
        var probes = Enumerable.Range(0, ports).Select(i => Hubble(i * span / (ports - 1), Web, "203.0.113.7", 43000 + i, 1000 + i));
        Assert.Equal(scan, Check(probes).Any(a => a.GetProperty("detector").GetString() == "port-scan"));
    }

    [Theory]
    [InlineData(50, 60.0, true)]
    [InlineData(50, 60.01, false)]
    [InlineData(49, 60.0, false)]
    public void Dns_exfiltration_is_the_threshold_of_names_within_60_s_both_ends_included(int names, double span, bool exfiltration)
    {
        var queries = Enumerable.Range(0, names).Select(i => Hubble(i * span / (names - 1), Web, "8.8.8.8", 50000 + i, 53, "UDP", l7: DnsQuery($"h{i}.evil.com.")));
        Assert.Equal(exfiltration, Check(queries).Any(a => a.GetProperty("detector").GetString() == "dns-exfiltration"));
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void A_dns_label_is_too_long_only_over_50_characters(int length, bool exfiltration)
    {
        var alerts = Check([Hubble(1, Web, "8.8.8.8", 50000, 53, "UDP", l7: DnsQuery(new string('a', length) + ".evil.com."))]);
        Assert.Equal(exfiltration, alerts.Any(a => a.GetProperty("detector").GetString() == "dns-exfiltration"));
    }

    [Fact]
    public void Dns_names_are_counted_under_the_registered_domain_of_the_public_suffix_list()
    {
        // evil.co.uk is the registered domain (co.uk is a public suffix), so 50 names under it are exfiltration.
        var alerts = Check([.. Enumerable.Range(0, 50).Select(i => Hubble(i, Web, "8.8.8.8", 50000, 53, "UDP", l7: DnsQuery($"h{i}.evil.co.uk.")))]);
        var alert = Only(alerts, "dns-exfiltration");
        Assert.Equal("dns-exfiltration shop/web[Deployment] > * UDP", Key(alert));
    }

    [Fact]
    public void Dns_names_are_counted_per_pod_not_per_workload()
    {
        // Each replica of shop/web queries 25 names under evil.com: no pod reaches 50.
        var split = Check([.. Enumerable.Range(0, 50).Select(i => Hubble(i, i % 2 == 0 ? Web : Web2, "8.8.8.8", 50000, 53, "UDP", l7: DnsQuery($"h{i}.evil.com.")))]);
        Assert.DoesNotContain(split, a => a.GetProperty("detector").GetString() == "dns-exfiltration");
        var one = Check([.. Enumerable.Range(0, 50).Select(i => Hubble(i, Web2, "8.8.8.8", 50000, 53, "UDP", l7: DnsQuery($"h{i}.evil.com.")))]);
        Assert.Equal("dns-exfiltration shop/web[Deployment] > * UDP", Key(Only(one, "dns-exfiltration")));
    }

    [Fact]
    public void A_csv_without_a_header_is_read_in_the_contracts_column_order()
    {
        var alerts = Check([
            "2026-01-02T10:00:01Z,10.244.1.5,41000,169.254.169.254,80,TCP,120,FORWARDED",
            "2026-01-02T10:00:02Z,10.244.1.5,41001,10.244.1.7,9999,6,60,DROPPED",
        ]);
        Assert.Equal(["denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", "metadata-access shop/web[Deployment] > 169.254.169.254 TCP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_long_connection_over_several_vpc_aggregation_intervals_counts_once()
    {
        // Three 10-minute records of one 5-tuple: each starts a few seconds after the previous one ended.
        var alerts = Check([
            Scenarios.Formats.VpcWriter.V2Header,
            "2 123456789012 eni-0a1b2c 10.244.1.5 169.254.169.254 40003 80 6 10 840 1767348000 1767348598 ACCEPT OK",
            "2 123456789012 eni-0a1b2c 10.244.1.5 169.254.169.254 40003 80 6 10 840 1767348601 1767349199 ACCEPT OK",
            "2 123456789012 eni-0a1b2c 10.244.1.5 169.254.169.254 40003 80 6 10 840 1767349203 1767349800 ACCEPT OK",
        ]);
        var alert = Only(alerts, "metadata-access");
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
        Assert.Equal(("2026-01-02T10:00:00Z", "2026-01-02T10:30:00Z"), (alert.GetProperty("first").GetString(), alert.GetProperty("last").GetString()));
    }
}
