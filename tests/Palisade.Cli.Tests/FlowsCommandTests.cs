using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// <c>flows check</c> and <c>flows baseline</c> on a small cluster (Inputs/flows/cluster.yaml): the contract's
/// JSON, replies, Services, nodes, the API server, streaming, baselines, bad input and exit codes.
/// </summary>
public sealed class FlowsCommandTests : IDisposable
{
    private const string Header = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n";
    private static readonly string Cluster = RepoPaths.InRepo("tests", "Palisade.Cli.Tests", "Inputs", "flows", "cluster.yaml");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Csv(string name, params string[] lines)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, Header + string.Join("\n", lines) + "\n");
        return path;
    }

    private static JsonElement Json(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement;
    }

    private static string[] Alerts(JsonElement document) =>
        [.. document.GetProperty("alerts").EnumerateArray().Select(a => $"{a.GetProperty("detector").GetString()} {a.GetProperty("src").GetString()} -> {a.GetProperty("dst").GetString()} {a.GetProperty("protocol").GetString()} [{string.Join(",", a.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()))}]")];

    [Fact]
    public void The_json_document_has_the_contract_fields()
    {
        var flows = Csv("a.csv", "2024-05-01T10:00:00Z,10.244.0.10,40002,10.244.1.20,5432,TCP,100,FORWARDED");
        var document = Json(CliRun.Of("flows", "check", flows, "--cluster", Cluster, "-o", "json"));
        Assert.Equal(["alerts", "flows", "unresolved"], document.EnumerateObject().Select(p => p.Name).Order());
        var alert = Assert.Single(document.GetProperty("alerts").EnumerateArray());
        Assert.Equal(["attack", "count", "detector", "dst", "first", "last", "message", "policies", "ports", "protocol", "severity", "src"],
            alert.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("policy-violation", alert.GetProperty("detector").GetString());
        Assert.Equal("web/frontend[Deployment]", alert.GetProperty("src").GetString());
        Assert.Equal("db/postgres-0[Pod]", alert.GetProperty("dst").GetString());
        Assert.Equal("2024-05-01T10:00:00Z", alert.GetProperty("first").GetString());
        Assert.Equal(["db/api-to-postgres", "db/default-deny"], alert.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void Replies_are_not_counted_and_Services_are_judged_at_their_target_port()
    {
        var flows = Csv("a.csv",
            "2024-05-01T10:00:00Z,10.244.0.11,40001,10.96.0.50,5432,TCP,100,FORWARDED",
            "2024-05-01T10:00:00.1Z,10.96.0.50,5432,10.244.0.11,40001,TCP,100,FORWARDED",
            "2024-05-01T10:00:01Z,10.244.0.10,40004,203.0.113.9,443,TCP,100,FORWARDED",
            "2024-05-01T10:00:01.5Z,203.0.113.9,443,10.244.0.10,40004,TCP,100,FORWARDED",
            "2024-05-01T10:00:02Z,10.244.1.20,5432,10.244.0.11,40001,TCP,100,FORWARDED");
        var document = Json(CliRun.Of("flows", "check", flows, "--cluster", Cluster, "-o", "json"));
        Assert.Equal(5, document.GetProperty("flows").GetInt64());
        Assert.Equal(["internet-egress web/frontend[Deployment] -> 203.0.113.9 TCP [443]"], Alerts(document));
    }

    [Fact]
    public void Addresses_resolve_to_nodes_the_API_server_and_the_metadata_service()
    {
        var flows = Csv("a.csv",
            "2024-05-01T10:00:00Z,10.244.0.11,40006,10.96.0.1,443,TCP,100,FORWARDED",
            "2024-05-01T10:00:01Z,10.244.0.11,40007,172.18.0.2,10250,TCP,100,FORWARDED",
            "2024-05-01T10:00:02Z,10.244.0.11,40008,172.18.0.2,6443,TCP,100,FORWARDED",
            "2024-05-01T10:00:03Z,10.244.0.10,40009,169.254.169.254,80,TCP,100,DROPPED",
            "2024-05-01T10:00:04Z,172.18.0.2,40010,10.96.0.1,443,TCP,100,FORWARDED");
        var alerts = Alerts(Json(CliRun.Of("flows", "check", flows, "--cluster", Cluster, "-o", "json")));
        Assert.Equal(
        [
            "control-plane-access web/api[Pod] -> 10.96.0.1 TCP [443]",
            "control-plane-access web/api[Pod] -> node/node-1 TCP [6443,10250]",
            "denied-attempt web/frontend[Deployment] -> 169.254.169.254 TCP [80]",
            "metadata-access web/frontend[Deployment] -> 169.254.169.254 TCP [80]",
        ], alerts.Order());
    }

    [Fact]
    public void A_malformed_line_is_skipped_with_its_line_and_strict_makes_it_an_error()
    {
        var flows = Csv("bad.csv", "2024-05-01T10:00:00Z,10.244.0.10,40004,203.0.113.9,443,TCP,100,FORWARDED", "garbage", "2024-05-01T10:00:01Z,nonsense,1,10.244.0.11,9000,TCP,1,FORWARDED");
        var lenient = CliRun.Of("flows", "check", flows, "--cluster", Cluster, "-o", "json");
        var document = Json(lenient);
        Assert.Equal(2, document.GetProperty("flows").GetInt64());
        Assert.Equal(1, document.GetProperty("unresolved").GetInt64());
        Assert.Contains($"{flows}:3:", lenient.Error, StringComparison.Ordinal);
        var strict = CliRun.Of("flows", "check", flows, "--cluster", Cluster, "--strict");
        Assert.Equal(2, strict.ExitCode);
        Assert.Single(strict.Error.Trim().Split('\n'));
        Assert.StartsWith($"error: {flows}:3", strict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_container_log_line_split_in_parts_never_finished_is_skipped_with_its_line_and_strict_makes_it_exit_2()
    {
        const string Flow = """{"time":"2024-05-01T10:00:00Z","verdict":"FORWARDED","IP":{"source":"10.244.0.10","destination":"203.0.113.9"},"l4":{"TCP":{"source_port":40004,"destination_port":443}}}""";
        var flows = _temp.File("hubble-cri.log");
        File.WriteAllText(flows, $"2024-05-01T10:00:00Z stdout F {Flow}\n2024-05-01T10:00:01Z stdout P {Flow[..90]}\n");
        var lenient = CliRun.Of("flows", "check", flows, "--cluster", Cluster, "-o", "json");
        Assert.Equal(1, Json(lenient).GetProperty("flows").GetInt64());
        Assert.Contains($"{flows}:2: a container log line split in parts (P) ends without its last part (F)", lenient.Error, StringComparison.Ordinal);
        var strict = CliRun.Of("flows", "check", flows, "--cluster", Cluster, "--strict");
        Assert.Equal(2, strict.ExitCode);
        Assert.Single(strict.Error.Trim().Split('\n'));
        Assert.StartsWith($"error: {flows}:2", strict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_docker_log_record_is_skipped_with_its_line_and_strict_makes_it_exit_2()
    {
        const string Flow = """{\"time\":\"2024-05-01T10:00:00Z\",\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.244.0.10\",\"destination\":\"203.0.113.9\"},\"l4\":{\"TCP\":{\"source_port\":40004,\"destination_port\":443}}}""";
        var flows = _temp.File("hubble-json.log");
        File.WriteAllText(flows, $$"""{"log":"{{Flow}}\n","stream":"stdout","time":"2024-05-01T10:00:00Z"}""" + "\n" + """{"log":"cut","stream":"stdout" """ + "\n");
        var lenient = CliRun.Of("flows", "check", flows, "--cluster", Cluster, "-o", "json");
        Assert.Equal(1, Json(lenient).GetProperty("flows").GetInt64());
        Assert.StartsWith($"warning: {flows}:2: Docker log record: invalid JSON at byte ", lenient.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", lenient.Error, StringComparison.Ordinal);
        var strict = CliRun.Of("flows", "check", flows, "--cluster", Cluster, "--strict");
        Assert.Equal(2, strict.ExitCode);
        Assert.Single(strict.Error.Trim().Split('\n'));
        Assert.StartsWith($"error: {flows}:2: Docker log record: invalid JSON at byte ", strict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_whose_every_record_is_malformed_is_one_line_and_exit_2_not_an_empty_report()
    {
        var bad = Csv("all-bad.csv", "garbage", "2024-05-01T10:00:01Z,10.244.0.10");
        var run = CliRun.Of("flows", "check", bad, "--cluster", Cluster, "-o", "json");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {bad}: no flow record could be read: 2 malformed; the first: {bad}:2:", line, StringComparison.Ordinal);

        var good = Csv("good.csv", "2024-05-01T10:00:00Z,10.244.0.10,40004,203.0.113.9,443,TCP,100,FORWARDED");
        var both = CliRun.Of("flows", "check", good, bad, "--cluster", Cluster, "-o", "json");
        Assert.Equal(0, both.ExitCode);
        Assert.Equal(1, Json(both).GetProperty("flows").GetInt64());
        Assert.Equal(2, both.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith($"warning: {bad}:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("vpc")]
    [InlineData("gcp")]
    public void A_file_read_in_a_format_forced_otherwise_than_its_content_is_exit_2_naming_both(string format)
    {
        // Each such record is no record of the format forced (no CloudWatch message, another kind of log entry): without
        // this, the file read as nothing at all and the run reported no alert, exit 0, even with --strict.
        var hubble = _temp.File("flows.json");
        File.WriteAllText(hubble, """
            {"flow":{"time":"2024-05-01T10:00:00Z","verdict":"FORWARDED","IP":{"source":"10.244.0.10","destination":"203.0.113.9","ipVersion":"IPv4"},"l4":{"TCP":{"source_port":40004,"destination_port":443}}}}
            """ + "\n");
        foreach (var strict in new[] { false, true })
        {
            var run = CliRun.Of(["flows", "check", hubble, "--cluster", Cluster, "--format", format, "-o", "json", .. strict ? ["--strict"] : Array.Empty<string>()]);
            Assert.Equal(2, run.ExitCode);
            var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"{hubble}:1: read as {format} (--format), but it holds hubble records", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Alerts_on_the_records_before_a_strict_failure_are_streamed_before_it()
    {
        // More records than one read-ahead batch, so that the failure comes with a partly filled one.
        var lines = Enumerable.Range(0, 5000).Select(i => $"2024-05-01T10:00:00Z,10.244.0.10,40004,11.0.{i / 250}.{i % 250},443,TCP,100,FORWARDED")
            .Append("garbage").ToArray();
        var run = CliRun.Of("flows", "check", Csv("many.csv", lines), "--cluster", Cluster, "--strict", "-o", "jsonl");
        Assert.Equal(2, run.ExitCode);
        var alerts = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5000, alerts.Count(l => l.Contains("\"detector\":\"internet-egress\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("high", 1)]
    [InlineData("critical", 0)]
    public void Fail_on_exits_1_when_an_alert_is_that_severe(string threshold, int expected)
    {
        var flows = Csv("a.csv", "2024-05-01T10:00:04Z,10.244.0.10,40009,169.254.169.254,80,TCP,100,FORWARDED");
        Assert.Equal(expected, CliRun.Of("flows", "check", flows, "--cluster", Cluster, "--fail-on", threshold).ExitCode);
    }

    [Fact]
    public void Jsonl_writes_one_alert_a_line_and_standard_input_is_read_as_a_stream()
    {
        var text = Header + "2024-05-01T10:00:03Z,10.244.0.10,40004,203.0.113.9,443,TCP,100,FORWARDED\n"
            + "2024-05-01T10:00:04Z,10.244.0.10,40009,169.254.169.254,80,TCP,100,FORWARDED\n";
        var run = CliRun.WithInput(text, "flows", "check", "-", "--cluster", Cluster, "-o", "jsonl");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(["internet-egress", "metadata-access"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("detector").GetString()));
    }

    [Fact]
    public void Jsonl_writes_a_scan_when_it_opens_with_the_probes_that_made_it()
    {
        // 20 ports of one destination within 60 s: the line written when the scan fires spans and counts the 20 probes.
        var lines = Enumerable.Range(0, 20).Select(i => $"2024-05-01T10:00:{i:00}Z,10.244.0.10,{41000 + i},203.0.113.9,{1000 + i},TCP,100,FORWARDED").ToArray();
        var run = CliRun.Of("flows", "check", Csv("scan.csv", lines), "--cluster", Cluster, "-o", "jsonl");
        Assert.True(run.ExitCode == 0, run.Error);
        var scan = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(a => a.GetProperty("detector").GetString() == "port-scan");
        Assert.Equal(Enumerable.Range(1000, 20), scan.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("2024-05-01T10:00:00Z", scan.GetProperty("first").GetString());
        Assert.Equal(20, scan.GetProperty("count").GetInt32());
        Assert.Contains("probed 20 ports", scan.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Jsonl_writes_an_alert_once_as_it_opened_and_json_as_it_ends()
    {
        // Three connections to one public address: the streamed line is the alert when its first connection opened it
        // (first, last and count of that record), the document's alert spans all three.
        var flows = Csv("egress.csv",
            "2024-05-01T10:00:00Z,10.244.0.10,40001,203.0.113.9,443,TCP,100,FORWARDED",
            "2024-05-01T10:00:10Z,10.244.0.10,40002,203.0.113.9,443,TCP,100,FORWARDED",
            "2024-05-01T10:00:20Z,10.244.0.10,40003,203.0.113.9,443,TCP,100,FORWARDED");
        var run = CliRun.Of("flows", "check", flows, "--cluster", Cluster, "-o", "jsonl");
        Assert.True(run.ExitCode == 0, run.Error);
        var streamed = JsonDocument.Parse(Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal(("2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z", 1),
            (streamed.GetProperty("first").GetString(), streamed.GetProperty("last").GetString(), streamed.GetProperty("count").GetInt32()));
        var final = Assert.Single(Json(CliRun.Of("flows", "check", flows, "--cluster", Cluster, "-o", "json")).GetProperty("alerts").EnumerateArray());
        Assert.Equal(("2024-05-01T10:00:00Z", "2024-05-01T10:00:20Z", 3),
            (final.GetProperty("first").GetString(), final.GetProperty("last").GetString(), final.GetProperty("count").GetInt32()));
    }

    [Fact]
    public void Jsonl_writes_dns_exfiltration_when_it_opens_with_its_names_and_message()
    {
        var path = _temp.File("dns.jsonl");
        const string Query = """{"flow":{"time":"2024-05-01T10:00:SSZ","verdict":"FORWARDED","IP":{"source":"10.244.0.10","destination":"10.96.0.10","ipVersion":"IPv4"},"l4":{"UDP":{"source_port":PORT,"destination_port":53}},"Type":"L7","is_reply":false,"l7":{"type":"REQUEST","dns":{"query":"nSS.exfil.example.com.","qtypes":["A"]}}}}""";
        File.WriteAllLines(path, Enumerable.Range(0, 50).Select(i =>
            Query.Replace("SS", i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("PORT", (40000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        var run = CliRun.Of("flows", "check", path, "--cluster", Cluster, "-o", "jsonl");
        Assert.True(run.ExitCode == 0, run.Error);
        var alert = JsonDocument.Parse(Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal("dns-exfiltration", alert.GetProperty("detector").GetString());
        Assert.Equal("2024-05-01T10:00:00Z", alert.GetProperty("first").GetString());
        Assert.Equal(50, alert.GetProperty("count").GetInt32());
        Assert.EndsWith("50 distinct names under example.com within 60 s", alert.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_files_are_read_and_the_format_can_be_forced()
    {
        var path = _temp.File("a.csv.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(Header + "2024-05-01T10:00:03Z,10.244.0.10,40004,203.0.113.9,443,TCP,100,FORWARDED\n"));
        var document = Json(CliRun.Of("flows", "check", path, "--cluster", Cluster, "--format", "csv", "-o", "json"));
        Assert.Equal(["internet-egress web/frontend[Deployment] -> 203.0.113.9 TCP [443]"], Alerts(document));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void A_file_written_in_utf_16_with_its_byte_order_mark_is_read(string encoding)
    {
        // Windows PowerShell 5's '>' writes what a command prints as UTF-16 with a byte order mark.
        var path = _temp.File("flows.csv");
        var text = Header.Replace("\n", "\r\n", StringComparison.Ordinal) + "2024-05-01T10:00:03Z,10.244.0.10,40004,203.0.113.9,443,TCP,100,FORWARDED\r\n";
        var unicode = encoding == "utf-16" ? Encoding.Unicode : Encoding.BigEndianUnicode;
        File.WriteAllBytes(path, [.. unicode.GetPreamble(), .. unicode.GetBytes(text)]);
        var document = Json(CliRun.Of("flows", "check", path, "--cluster", Cluster, "-o", "json"));
        Assert.Equal(["internet-egress web/frontend[Deployment] -> 203.0.113.9 TCP [443]"], Alerts(document));
    }

    [Fact]
    public void A_baseline_learned_from_one_day_flags_only_what_the_next_day_adds()
    {
        var day1 = Csv("day1.csv",
            "2024-05-01T10:00:00Z,10.244.0.11,40001,10.96.0.50,5432,TCP,100,FORWARDED",
            "2024-05-01T10:00:01Z,10.244.0.10,40004,203.0.113.9,443,TCP,100,FORWARDED");
        var day2 = Csv("day2.csv",
            "2024-05-02T10:00:00Z,10.244.0.11,41001,10.96.0.50,5432,TCP,100,FORWARDED",
            "2024-05-02T10:00:01Z,10.244.0.10,41004,203.0.113.77,443,TCP,100,FORWARDED",
            "2024-05-02T10:00:02Z,10.244.0.10,41005,198.51.100.7,443,TCP,100,FORWARDED",
            "2024-05-02T10:00:03Z,10.244.0.11,41006,10.244.0.10,8080,TCP,100,FORWARDED");
        var baseline = _temp.File("baseline.json");
        Assert.Equal(0, CliRun.Of("flows", "baseline", day1, "--cluster", Cluster, "-o", baseline).ExitCode);
        Assert.Contains("\"kind\": \"PalisadeFlowBaseline\"", File.ReadAllText(baseline), StringComparison.Ordinal);
        string[] expected =
        [
            "new-connection web/api[Pod] -> web/frontend[Deployment] TCP [8080]",
            "new-connection web/frontend[Deployment] -> 198.51.100.7 TCP [443]",
        ];
        foreach (var known in new[] { baseline, day1 })
        {
            var alerts = Alerts(Json(CliRun.Of("flows", "check", day2, "--cluster", Cluster, "--baseline", known, "-o", "json")));
            Assert.Equal(expected, alerts.Where(a => a.StartsWith("new-connection", StringComparison.Ordinal)).Order());
        }
    }

    /// <summary>A dump of pods only (no ReplicaSets, Jobs, Deployments): web of ReplicaSet web-HASH, a CronJob's Job's pod, db-0.</summary>
    private string PodsOnlyDump(string name, string hash, string job, string suffix, string webIp, string backupIp) =>
        WriteFile(name, $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: web-{{hash}}-{{suffix}}, namespace: shop, labels: {app: web, pod-template-hash: "{{hash}}"}, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-{{hash}}, uid: u1, controller: true}]}
            spec: {nodeName: node-1, containers: [{name: web, image: x}]}
            status: {phase: Running, podIP: {{webIp}}, podIPs: [{ip: {{webIp}}}], hostIP: 10.0.0.11}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: backup-{{job}}-{{suffix}}, namespace: shop, labels: {job-name: backup-{{job}}}, ownerReferences: [{apiVersion: batch/v1, kind: Job, name: backup-{{job}}, uid: u3, controller: true}]}
            spec: {nodeName: node-1, containers: [{name: b, image: x}]}
            status: {phase: Running, podIP: {{backupIp}}, podIPs: [{ip: {{backupIp}}}], hostIP: 10.0.0.11}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: db-0, namespace: shop, labels: {app: db}, ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, uid: u2, controller: true}]}
            spec: {nodeName: node-1, containers: [{name: db, image: x, ports: [{containerPort: 5432}]}]}
            status: {phase: Running, podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}], hostIP: 10.0.0.11}
            """);

    private string WriteFile(string name, string text)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_saved_baseline_knows_a_deployments_and_a_cronjobs_pods_of_the_next_revision_in_a_dump_of_pods_only()
    {
        // Day 1: ReplicaSet web-7c9d8f and the CronJob's run backup-28571040; day 2 after a rollout and the next night's run,
        // new pod names and addresses. The names stay connectivity's (the ReplicaSet, the Job); the baseline keys them by
        // the Deployment and the CronJob that the pod-template-hash and the scheduled time in minutes tell.
        var day1Cluster = PodsOnlyDump("day1.yaml", "7c9d8f", "28571040", "abcde", "10.244.1.5", "10.244.1.9");
        var day2Cluster = PodsOnlyDump("day2.yaml", "5b6c7d", "28572480", "fghij", "10.244.1.15", "10.244.1.19");
        var day1 = Csv("day1.csv",
            "2024-05-01T02:00:00Z,10.244.1.5,40001,10.244.1.7,5432,TCP,100,FORWARDED",
            "2024-05-01T02:01:00Z,10.244.1.9,40002,10.244.1.7,5432,TCP,100,FORWARDED");
        var day2 = Csv("day2.csv",
            "2024-05-02T02:00:00Z,10.244.1.15,40001,10.244.1.7,5432,TCP,100,FORWARDED",
            "2024-05-02T02:01:00Z,10.244.1.19,40002,10.244.1.7,5432,TCP,100,FORWARDED",
            "2024-05-02T02:02:00Z,10.244.1.7,40003,10.244.1.15,8080,TCP,100,FORWARDED");
        var baseline = _temp.File("baseline.json");
        Assert.Equal(0, CliRun.Of("flows", "baseline", day1, "--cluster", day1Cluster, "-o", baseline).ExitCode);

        var alerts = Alerts(Json(CliRun.Of("flows", "check", day2, "--cluster", day2Cluster, "--baseline", baseline, "-o", "json")));

        Assert.Equal(["new-connection shop/db[StatefulSet] -> shop/web-5b6c7d[ReplicaSet] TCP [8080]"],
            alerts.Where(a => a.StartsWith("new-connection", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_baseline_of_flows_in_another_format_is_read_in_its_own_format_whatever_format_names_the_checked_files()
    {
        // The learning period was captured with Hubble; the day checked is a CSV export, its format named.
        var day1 = _temp.File("day1.jsonl");
        File.WriteAllText(day1, """
            {"flow":{"time":"2024-05-01T10:00:00Z","verdict":"FORWARDED","IP":{"source":"10.244.0.11","destination":"10.96.0.50","ipVersion":"IPv4"},"l4":{"TCP":{"source_port":40001,"destination_port":5432}},"Type":"L3_L4","is_reply":false}}

            """);
        var day2 = Csv("day2.csv",
            "2024-05-02T10:00:00Z,10.244.0.11,41001,10.96.0.50,5432,TCP,100,FORWARDED",
            "2024-05-02T10:00:03Z,10.244.0.11,41006,10.244.0.10,8080,TCP,100,FORWARDED");

        var run = CliRun.Of("flows", "check", day2, "--format", "csv", "--cluster", Cluster, "--baseline", day1, "-o", "json");

        Assert.Equal(["new-connection web/api[Pod] -> web/frontend[Deployment] TCP [8080]"],
            Alerts(Json(run)).Where(a => a.StartsWith("new-connection", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_baseline_is_written_into_a_new_folder_and_an_unwritable_path_is_one_line_and_exit_2()
    {
        var day1 = Csv("day1.csv", "2024-05-01T10:00:00Z,10.244.0.11,40001,10.96.0.50,5432,TCP,100,FORWARDED");
        var nested = _temp.File("baselines", "week1", "baseline.json");
        Assert.Equal(0, CliRun.Of("flows", "baseline", day1, "--cluster", Cluster, "-o", nested).ExitCode);
        Assert.True(File.Exists(nested));
        var underFile = Path.Combine(day1, "baseline.json");
        var run = CliRun.Of("flows", "baseline", day1, "--cluster", Cluster, "-o", underFile);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(day1, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_baseline_is_bad_input()
    {
        var baseline = _temp.File("baseline.json");
        File.WriteAllText(baseline, """{"kind": "PalisadeFlowBaseline", "edges": [{"src": "a"}]}""");
        var flows = Csv("a.csv", "2024-05-01T10:00:00Z,10.244.0.10,40004,203.0.113.9,443,TCP,100,FORWARDED");
        var run = CliRun.Of("flows", "check", flows, "--cluster", Cluster, "--baseline", baseline);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("edges[0].dst", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--scan-threshold", "0", "--scan-threshold")]
    [InlineData("--format", "pcap", "pcap")]
    public void Bad_options_exit_2(string option, string value, string named)
    {
        var flows = Csv("a.csv", "2024-05-01T10:00:00Z,10.244.0.10,40004,203.0.113.9,443,TCP,100,FORWARDED");
        var run = CliRun.Of("flows", "check", flows, "--cluster", Cluster, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parse_error_s_usage_hint_names_the_whole_command()
    {
        var run = CliRun.Of("flows", "check", "a.csv", "--cluster", Cluster, "--fail-on", "severe");
        Assert.Equal(2, run.ExitCode);
        Assert.EndsWith("Run 'palisade flows check --help' for usage.", run.Error.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pod_its_controller_created_by_generate_name_at_request_level_is_resolved_from_the_audit_log()
    {
        // The dump has the Deployment and its ReplicaSet but not the pod; the log has the controller's create (no
        // response, so no name) and the kubelet's status patch naming the pod and giving its address.
        var cluster = _temp.File("cluster.yaml");
        File.WriteAllText(cluster, """
            apiVersion: v1
            kind: Namespace
            metadata: {name: data}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: data}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-7d9f8
              namespace: data
              ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true, uid: u1}]
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """);
        const string template = """{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"web-7d9f8-","namespace":"data","labels":{"app":"web"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7d9f8","controller":true,"uid":"u2"}]},"spec":{"containers":[{"name":"web","image":"nginx"}]}}""";
        const string status = """{"status":{"phase":"Running","podIP":"10.244.1.7","podIPs":[{"ip":"10.244.1.7"}]}}""";
        var audit = _temp.File("audit.log");
        File.WriteAllLines(audit, [
            AuditLines.Event("create", "pods", "data", request: template, level: "Request", code: 201, at: "03:00", user: "system:serviceaccount:kube-system:replicaset-controller"),
            AuditLines.Event("patch", "pods", "data", "web-7d9f8-x2k4p", subresource: "status", request: status, level: "Request", at: "03:01", user: "system:node:node-1"),
        ]);
        var flows = Csv("a.csv", "2024-05-01T03:05:00Z,10.244.1.7,40000,93.184.216.34,443,TCP,100,FORWARDED");
        var document = Json(CliRun.Of("flows", "check", flows, "--cluster", cluster, "--audit", audit, "-o", "json"));
        Assert.Equal(["internet-egress data/web[Deployment] -> 93.184.216.34 TCP [443]"], Alerts(document));
    }

    [Theory]
    [InlineData("projectcalico.org/IPv4VXLANTunnelAddr: 10.244.2.64", "10.244.2.64")]
    [InlineData("projectcalico.org/IPv4IPIPTunnelAddr: 10.244.2.64", "10.244.2.64")]
    [InlineData("projectcalico.org/IPv4WireguardInterfaceAddr: 10.244.2.64", "10.244.2.64")]
    [InlineData("network.cilium.io/ipv4-cilium-host: 10.244.2.195", "10.244.2.195")]
    [InlineData("io.cilium.network.ipv4-cilium-host: 10.244.2.195", "10.244.2.195")]
    [InlineData("flannel.alpha.coreos.com/public-ip: 192.168.7.9", "192.168.7.9")]
    [InlineData("flannel.alpha.coreos.com/backend-type: vxlan", "10.244.2.0")]
    [InlineData("flannel.alpha.coreos.com/backend-type: vxlan", "10.244.2.1")]
    public void A_flow_from_an_interface_address_the_cni_wrote_on_the_node_is_the_nodes(string annotation, string address)
    {
        // node-2's annotations and pod range name the address; the cluster has no other claim on it.
        var node = _temp.File("node-2.yaml");
        File.WriteAllText(node, $$"""
            apiVersion: v1
            kind: Node
            metadata:
              name: node-2
              annotations:
                {{annotation}}
            spec: {podCIDR: 10.244.2.0/24}
            status: {addresses: [{type: InternalIP, address: 172.18.0.3}]}
            """);
        var flows = Csv("a.csv", $"2024-05-01T10:00:00Z,{address},40000,10.244.1.20,5432,TCP,100,DROPPED");
        var alerts = Alerts(Json(CliRun.Of("flows", "check", flows, "--cluster", Cluster, "--cluster", node, "-o", "json")));
        Assert.Equal(["denied-attempt node/node-2 -> db/postgres-0[Pod] TCP [5432]"], alerts);
    }

    [Fact]
    public void A_flow_from_a_nodes_tunnel_address_is_judged_at_the_nodes_address()
    {
        // db admits node-2's InternalIP only: the tunnel's flow is the node's, as Cilium's router address is judged.
        var node = _temp.File("node-2.yaml");
        File.WriteAllText(node, """
            apiVersion: v1
            kind: Node
            metadata:
              name: node-2
              annotations: {projectcalico.org/IPv4IPIPTunnelAddr: 10.244.2.64}
            status: {addresses: [{type: InternalIP, address: 172.18.0.3}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: node-2, namespace: db}
            spec:
              podSelector: {matchLabels: {app: postgres}}
              ingress: [{from: [{ipBlock: {cidr: 172.18.0.3/32}}], ports: [{port: 5432}]}]
            """);
        var flows = Csv("a.csv", "2024-05-01T10:00:00Z,10.244.2.64,40000,10.244.1.20,5432,TCP,100,FORWARDED");
        var document = Json(CliRun.Of("flows", "check", flows, "--cluster", Cluster, "--cluster", node, "-o", "json"));
        Assert.Equal(1, document.GetProperty("flows").GetInt64());
        Assert.Empty(Alerts(document));
    }

    [Fact]
    public void A_misspelt_option_is_an_unknown_option_not_a_missing_file()
    {
        var flows = Csv("a.csv", "2024-05-01T10:00:00Z,10.244.0.10,40004,203.0.113.9,443,TCP,100,FORWARDED");
        var run = CliRun.Of("flows", "check", flows, "--cluster", Cluster, "--scan-treshold", "10");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: unknown option '--scan-treshold'. Run 'palisade flows check --help' for usage.", run.Error.TrimEnd());
    }

    [Fact]
    public void A_missing_flow_file_exits_2_naming_it()
    {
        var run = CliRun.Of("flows", "check", _temp.File("nope.json"), "--cluster", Cluster);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope.json: no such file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_markdown_and_sarif_locate_alerts_on_the_flow_file()
    {
        var flows = Csv("a.csv", "2024-05-01T10:00:04Z,10.244.0.10,40009,169.254.169.254,80,TCP,100,FORWARDED");
        Assert.Contains("PAL807", CliRun.Of("flows", "check", flows, "--cluster", Cluster).Output, StringComparison.Ordinal);
        Assert.Contains("metadata-access", CliRun.Of("flows", "check", flows, "--cluster", Cluster, "-o", "md").Output, StringComparison.Ordinal);
        var sarif = JsonDocument.Parse(CliRun.Of("flows", "check", flows, "--cluster", Cluster, "-o", "sarif").Output).RootElement;
        var result = sarif.GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal("PAL807", result.GetProperty("ruleId").GetString());
        Assert.Equal(2, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void A_sarif_result_carries_the_alerts_fields_in_its_property_bag()
    {
        // Code-scanning tools and scripts read a result's properties: the contract's fields, as -o json writes them.
        var flows = Csv("a.csv",
            "2024-05-01T10:00:04Z,10.244.0.10,40009,169.254.169.254,80,TCP,100,FORWARDED",
            "2024-05-01T10:00:05.5Z,10.244.0.10,40010,169.254.169.254,80,TCP,100,FORWARDED");
        var sarif = JsonDocument.Parse(CliRun.Of("flows", "check", flows, "--cluster", Cluster, "-o", "sarif").Output).RootElement;
        var properties = sarif.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("properties");
        Assert.Equal("metadata-access", properties.GetProperty("detector").GetString());
        Assert.Equal("169.254.169.254", properties.GetProperty("dst").GetString());
        Assert.Equal("TCP", properties.GetProperty("protocol").GetString());
        Assert.Equal("80", properties.GetProperty("ports").GetString());
        Assert.Equal("2024-05-01T10:00:04Z", properties.GetProperty("first").GetString());
        Assert.Equal("2024-05-01T10:00:05.5Z", properties.GetProperty("last").GetString());
        Assert.Equal("2", properties.GetProperty("count").GetString());
        Assert.Equal("T1552.005", properties.GetProperty("attack").GetString());
        Assert.Equal("high", properties.GetProperty("severity").GetString());
    }
}
