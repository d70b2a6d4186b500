using System.Text.Json;
using Palisade.Cli.Tests.Audit;
using Palisade.Testing;
using static Palisade.Testing.AuditLines;

namespace Palisade.Cli.Tests;

/// <summary>
/// Each command's options naming input files take several after one flag (<c>--cluster a.yaml b.yaml</c>), in front of
/// or behind the command's own files (docs/semantics.md, "Input handling"): flows check and baseline, audit, timeline,
/// connectivity. Each test needs the second value read as the option's: read as the command's file it fails.
/// </summary>
public sealed class FileListCommandTests : IDisposable
{
    private const string Header = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n";
    private static readonly string Cluster = RepoPaths.InRepo("tests", "Palisade.Cli.Tests", "Inputs", "flows", "cluster.yaml");

    /// <summary>A pod only this file has: web/extra at 10.244.0.99.</summary>
    private const string Extra = """
        apiVersion: v1
        kind: Pod
        metadata: {name: extra, namespace: web, labels: {app: extra}}
        spec: {nodeName: node-1, containers: [{name: c, image: extra}]}
        status: {phase: Running, podIP: 10.244.0.99}
        """;

    /// <summary>db/frontend-to-postgres: admits web/frontend to postgres on 5432 (the cluster admits only web/api).</summary>
    private const string Opening = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"frontend-to-postgres","namespace":"db"},"spec":{"podSelector":{"matchLabels":{"app":"postgres"}},"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"web"}},"podSelector":{"matchLabels":{"app":"frontend"}}}],"ports":[{"port":5432}]}]}}""";

    private readonly TempDirectory _temp = new();
    private readonly AuditScenario _scenario = new();

    public void Dispose()
    {
        _temp.Dispose();
        _scenario.Dispose();
    }

    private string Write(string name, string text)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Csv(string name, params string[] lines) => Write(name, Header + string.Join("\n", lines) + "\n");

    private static JsonElement Json(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement;
    }

    private static string[] Alerts(CliRun run) =>
        [.. Json(run).GetProperty("alerts").EnumerateArray().Select(a => $"{a.GetProperty("detector").GetString()} {a.GetProperty("src").GetString()} -> {a.GetProperty("dst").GetString()} {a.GetProperty("protocol").GetString()} [{string.Join(",", a.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()))}]")];

    /// <summary>The audit scenario's cluster in two files: shop (with both namespaces), and data's workloads and policies.</summary>
    private (string Shop, string Data) SplitCluster()
    {
        var documents = AuditScenario.Cluster.Split("\n---\n");
        return (Write("shop.yaml", string.Join("\n---\n", documents[..4])), Write("data.yaml", string.Join("\n---\n", documents[4..])));
    }

    [Fact]
    public void Flows_check_reads_several_cluster_files_after_one_flag_before_or_after_the_flow_files()
    {
        var extra = Write("extra.yaml", Extra);
        var flows = Csv("a.csv", "2024-05-01T10:00:00Z,10.244.0.99,40000,203.0.113.9,443,TCP,100,FORWARDED");
        Assert.Equal(["internet-egress web/extra[Pod] -> 203.0.113.9 TCP [443]"], Alerts(CliRun.Of("flows", "check", flows, "--cluster", Cluster, extra, "-o", "json")));
        Assert.Equal(["internet-egress web/extra[Pod] -> 203.0.113.9 TCP [443]"], Alerts(CliRun.Of("flows", "check", "--cluster", Cluster, extra, flows, "-o", "json")));
    }

    [Fact]
    public void Flows_check_reads_several_audit_logs_after_one_flag()
    {
        var early = Write("early.log", Log(Event("create", "pods", "web", "api", subresource: "exec", query: "command=sh", level: "Metadata", code: 101, at: "08:00")));
        var late = Write("late.log", Log(Event("create", "networkpolicies", "db", request: Opening, response: Opening, at: "09:00")));
        var flows = Csv("a.csv", "2024-05-01T10:00:00Z,10.244.0.10,40002,10.244.1.20,5432,TCP,100,FORWARDED");
        var alerts = Alerts(CliRun.Of("flows", "check", flows, "--cluster", Cluster, "--audit", early, late, "-o", "json"));
        Assert.Equal(["via-policy-change web/frontend[Deployment] -> db/postgres-0[Pod] TCP [5432]"], alerts);
    }

    [Fact]
    public void Flows_check_reads_several_baselines_after_one_flag()
    {
        var first = _temp.File("first.json");
        var second = _temp.File("second.json");
        Assert.Equal(0, CliRun.Of("flows", "baseline", Csv("d1.csv", "2024-05-01T10:00:00Z,10.244.0.11,40001,10.96.0.50,5432,TCP,100,FORWARDED"), "--cluster", Cluster, "-o", first).ExitCode);
        Assert.Equal(0, CliRun.Of("flows", "baseline", Csv("d2.csv", "2024-05-01T10:00:01Z,10.244.0.10,40004,203.0.113.9,443,TCP,100,FORWARDED"), "--cluster", Cluster, "-o", second).ExitCode);
        var day = Csv("day.csv",
            "2024-05-02T10:00:00Z,10.244.0.11,41001,10.96.0.50,5432,TCP,100,FORWARDED",
            "2024-05-02T10:00:01Z,10.244.0.10,41004,203.0.113.9,443,TCP,100,FORWARDED",
            "2024-05-02T10:00:03Z,10.244.0.11,41006,10.244.0.10,8080,TCP,100,FORWARDED");
        var alerts = Alerts(CliRun.Of("flows", "check", day, "--cluster", Cluster, "--baseline", first, second, "-o", "json"));
        Assert.Equal(["new-connection web/api[Pod] -> web/frontend[Deployment] TCP [8080]"], alerts.Where(a => a.StartsWith("new-connection", StringComparison.Ordinal)));
    }

    [Fact]
    public void Flows_baseline_reads_several_cluster_files_and_audit_logs_after_one_flag()
    {
        var extra = Write("extra.yaml", Extra);
        var early = Write("early.log", Log(Event("create", "pods", "web", "api", subresource: "exec", query: "command=sh", level: "Metadata", code: 101, at: "08:00")));
        var late = Write("late.log", Log(Event("create", "networkpolicies", "db", request: Opening, response: Opening, at: "09:00")));
        var flows = Csv("a.csv", "2024-05-01T10:00:00Z,10.244.0.99,40000,203.0.113.9,443,TCP,100,FORWARDED");
        var run = CliRun.Of("flows", "baseline", flows, "--cluster", Cluster, extra, "--audit", early, late, "-o", "-");
        Assert.True(run.ExitCode == 0, run.Error);
        var edge = Assert.Single(JsonDocument.Parse(run.Output).RootElement.GetProperty("edges").EnumerateArray());
        Assert.StartsWith("web/extra", edge.GetProperty("src").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_reads_several_cluster_files_after_one_flag_before_or_after_the_logs()
    {
        var (shop, data) = SplitCluster();
        var log = _scenario.Log("night.log", AuditScenario.Night);
        foreach (var args in new[] { new[] { "audit", log, "--cluster", shop, data, "-o", "json" }, ["audit", "--cluster", shop, data, log, "-o", "json"] })
        {
            var run = CliRun.Of(args);
            var opened = Json(run).GetProperty("alerts").EnumerateArray()
                .Where(a => a.GetProperty("rule").GetString() == "label-change-opened")
                .SelectMany(a => a.GetProperty("opened").EnumerateArray().Select(o => o.GetString()));
            Assert.Contains("shop/web[Deployment] => data/db[StatefulSet] : TCP 5432", opened);
        }
    }

    [Fact]
    public void Timeline_reads_several_cluster_files_after_one_flag()
    {
        var (shop, data) = SplitCluster();
        var run = CliRun.Of("timeline", _scenario.Log("night.log", AuditScenario.Night), "--cluster", shop, data);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("2024-05-01T03:00:00Z alice patch Namespace shop\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("\n  + shop/web[Deployment] => data/db[StatefulSet] : TCP 5432\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Connectivity_reads_several_audit_logs_after_one_flag_before_or_after_the_manifests()
    {
        var first = _scenario.Log("first.log", AuditScenario.Night[..2]);
        var rest = _scenario.Log("rest.log", AuditScenario.Night[2..]);
        foreach (var args in new[]
        {
            new[] { "connectivity", _scenario.ClusterDirectory, "--audit", first, rest, "--at", "2024-05-01T03:10:00Z" },
            ["connectivity", "--audit", first, rest, _scenario.ClusterDirectory, "--at", "2024-05-01T03:10:00Z"],
        })
        {
            var run = CliRun.Of(args);
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("shop/debug[Pod] => data/cache[Deployment] : TCP 6379\n", run.Output, StringComparison.Ordinal);
            Assert.Contains("shop/web[Deployment] => data/db[StatefulSet] : TCP 5432,9187\n", run.Output, StringComparison.Ordinal);
        }
    }
}
