using System.Text.Json;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary><c>palisade lint</c>: formats, the CI gate, disabling checks and suppressing findings by annotation.</summary>
public sealed class LintCommandTests : IDisposable
{
    private const string OpenLoadBalancer = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          type: LoadBalancer
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080}]
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("palisade-lint-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string text, string name = "cluster.yaml")
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Ids(CliRun run)
    {
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray();
    }

    [Fact]
    public void A_sarif_result_about_a_namespace_only_referenced_is_located_where_its_first_object_names_it()
    {
        var path = Write("""
            apiVersion: v1
            kind: Service
            metadata: {name: other, namespace: shop}
            spec: {selector: {app: web}, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
            """);
        var run = CliRun.Of("lint", path, "-o", "sarif");
        using var sarif = JsonDocument.Parse(run.Output);
        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "PAL101");
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal((3, 36), (location.GetProperty("region").GetProperty("startLine").GetInt32(), location.GetProperty("region").GetProperty("startColumn").GetInt32()));
    }

    [Fact]
    public void Table_lists_findings_most_severe_first_with_a_summary()
    {
        var nodePort = OpenLoadBalancer + "\n---\napiVersion: v1\nkind: Service\nmetadata: {name: np, namespace: shop}\nspec: {type: NodePort, selector: {app: web}, ports: [{port: 81, targetPort: 8080}]}\n";
        var run = CliRun.Of("lint", Write(nodePort));
        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n');
        var severities = lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^│ (critical|high|medium|low|info) ")).Where(m => m.Success)
            .Select(m => Array.IndexOf(Palisade.Findings.SeverityNames.All.ToArray(), m.Groups[1].Value)).ToArray();
        Assert.Contains(2, severities);
        Assert.Equal(severities.OrderDescending(), severities);
        Assert.Matches(@"^\d+ findings: \d+ high, \d+ medium", lines.Last(l => l.Length > 0));
    }

    [Theory]
    [InlineData("high", 1)]
    [InlineData("medium", 1)]
    [InlineData("critical", 0)]
    public void Fail_on_exits_1_when_a_finding_is_that_severe(string threshold, int expected)
    {
        var run = CliRun.Of("lint", Write(OpenLoadBalancer), "--fail-on", threshold, "-o", "json");
        Assert.Equal(expected, run.ExitCode);
    }

    [Fact]
    public void Disable_takes_ids_and_names()
    {
        var path = Write(OpenLoadBalancer);
        var all = Ids(CliRun.Of("lint", path, "-o", "json"));
        Assert.Contains("PAL302", all);
        Assert.Contains("PAL101", all);
        var fewer = Ids(CliRun.Of("lint", path, "-o", "json", "--disable", "PAL302,namespace-without-policy"));
        Assert.DoesNotContain("PAL302", fewer);
        Assert.DoesNotContain("PAL101", fewer);
        Assert.Equal(all.Length - 2, fewer.Length);
    }

    [Fact]
    public void Unknown_check_to_disable_is_bad_usage()
    {
        var run = CliRun.Of("lint", Write(OpenLoadBalancer), "--disable", "PAL999");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --disable: unknown check \"PAL999\"", run.Error.Split(" (")[0]);
    }

    [Fact]
    public void Annotation_on_the_object_suppresses_its_findings_of_those_checks()
    {
        var annotated = OpenLoadBalancer.Replace("metadata: {name: web, namespace: shop}",
            "metadata: {name: web, namespace: shop, annotations: {palisade.io/ignore: 'loadbalancer-without-source-ranges'}}", StringComparison.Ordinal);
        var run = CliRun.Of("lint", Write(annotated), "-o", "json");
        Assert.DoesNotContain("PAL302", Ids(run));
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public void Annotation_on_the_namespace_suppresses_findings_of_everything_in_it()
    {
        var annotated = OpenLoadBalancer.Replace("metadata: {name: shop}", "metadata: {name: shop, annotations: {palisade.io/ignore: all}}", StringComparison.Ordinal);
        Assert.Empty(Ids(CliRun.Of("lint", Write(annotated), "-o", "json")));
    }

    [Fact]
    public void Json_locates_findings_on_the_manifest_line()
    {
        var path = Write(OpenLoadBalancer);
        using var json = JsonDocument.Parse(CliRun.Of("lint", path, "-o", "json").Output);
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "PAL302");
        Assert.Equal("high", finding.GetProperty("severity").GetString());
        Assert.Equal(path, finding.GetProperty("location").GetProperty("file").GetString());
        Assert.Equal(14, finding.GetProperty("location").GetProperty("line").GetInt32());
        Assert.Contains("loadBalancerSourceRanges", finding.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(finding.GetProperty("references").EnumerateArray());
    }

    [Fact]
    public void Markdown_has_a_table_and_the_fixes()
    {
        var run = CliRun.Of("lint", Write(OpenLoadBalancer), "-o", "md");
        Assert.Contains("| Severity | Check | Resource | Location | Finding |", run.Output, StringComparison.Ordinal);
        Assert.Contains("```yaml\n# Default deny for shop", run.Output, StringComparison.Ordinal);
        Assert.Contains("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_input_has_no_findings()
    {
        var run = CliRun.Of("lint", Write("apiVersion: v1\nkind: Namespace\nmetadata: {name: empty}\n"));
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("No findings (", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_one_line_and_exit_2_with_strict()
    {
        var path = Write("apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  ports: [{port: 80, protocol: HTTP}]\n");
        var run = CliRun.Of("lint", path, "--strict");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:5:32: Service shop/web: spec.ports[0].protocol: unsupported protocol \"HTTP\"\n", run.Error);
    }

    [Fact]
    public void Duplicate_policies_are_a_finding_for_lint_but_an_error_for_connectivity()
    {
        const string policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\nspec: {podSelector: {}}\n";
        var path = Write(policy + "---\n" + policy);
        Assert.Contains("PAL209", Ids(CliRun.Of("lint", path, "-o", "json")));
        Assert.Equal(2, CliRun.Of("connectivity", path).ExitCode);
    }

    [Fact]
    public void Checks_lists_every_check_once()
    {
        var lines = CliRun.Of("checks").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Palisade.Posture.CheckCatalog.All.Count, lines.Length);
        Assert.StartsWith("PAL001  medium    input            input-not-read:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("PAL101  medium    coverage         namespace-without-policy:", lines[1], StringComparison.Ordinal);
    }
}
