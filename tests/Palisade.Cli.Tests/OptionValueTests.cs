using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>Option values that cannot mean what was meant are bad usage (exit 2, one line), never accepted silently.</summary>
public sealed class OptionValueTests : IDisposable
{
    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: a}\nspec: {containers: [{name: web, image: nginx}]}\n";
    private static readonly string Cluster = RepoPaths.InRepo("tests", "Palisade.Cli.Tests", "Inputs", "flows", "cluster.yaml");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("[ab].yaml", "character classes ([...]) and braces ({a,b}) are not supported; use *, ? and **")]
    [InlineData("{a}.yaml", "character classes ([...]) and braces ({a,b}) are not supported; use *, ? and **")]
    [InlineData("!keep.yaml", "negation (!) is not supported")]
    public void An_exclude_glob_these_globs_cannot_read_is_refused(string glob, string problem)
    {
        File.WriteAllText(_dir.File("pod.yaml"), Pod);
        var run = CliRun.Of("connectivity", _dir.Path, "--exclude", glob);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --exclude: glob \"{glob}\": {problem}\n", run.Error);
    }

    [Fact]
    public void A_palisadeignore_glob_these_globs_cannot_read_is_refused_at_its_line()
    {
        File.WriteAllText(_dir.File("pod.yaml"), Pod);
        File.WriteAllText(_dir.File(".palisadeignore"), "# generated\n  !pod.yaml\n");
        var run = CliRun.Of("connectivity", _dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {_dir.File(".palisadeignore")}:2:3: glob \"!pod.yaml\": negation (!) is not supported\n", run.Error);
    }

    [Fact]
    public void Lenient_lint_reports_a_bad_palisadeignore_glob_and_reads_on_with_the_other_lines()
    {
        File.WriteAllText(_dir.File("pod.yaml"), Pod);
        Directory.CreateDirectory(_dir.File("charts"));
        File.WriteAllText(_dir.File("charts", "broken.yaml"), "{{ .Values.x }}\n");
        File.WriteAllText(_dir.File(".palisadeignore"), "[ab].yaml\ncharts/\n");
        var run = CliRun.Of("lint", _dir.Path, "-o", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("PAL001", run.Output, StringComparison.Ordinal);
        Assert.Contains("character classes", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("broken.yaml", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{_dir.File(".palisadeignore")}:1:1: glob \"[ab].yaml\"", run.Error, StringComparison.Ordinal);
        var strict = CliRun.Of("lint", _dir.Path, "--strict");
        Assert.Equal(2, strict.ExitCode);
        Assert.Equal($"error: {_dir.File(".palisadeignore")}:1:1: glob \"[ab].yaml\": character classes ([...]) and braces ({{a,b}}) are not supported; use *, ? and **\n", strict.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("cluster..local")]
    [InlineData("cluster_local")]
    public void An_empty_or_malformed_cluster_domain_is_refused(string domain)
    {
        var flows = _dir.File("flows.csv");
        File.WriteAllText(flows, "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n");
        var run = CliRun.Of("flows", "check", flows, "--cluster", Cluster, "--cluster-domain", domain);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --cluster-domain: \"{domain}\" is not a DNS domain (such as cluster.local)\n", run.Error);
        var generate = CliRun.Of("generate", "--flows", flows, "--cluster", Cluster, "--cluster-domain", domain);
        Assert.Equal(2, generate.ExitCode);
        Assert.Equal($"error: --cluster-domain: \"{domain}\" is not a DNS domain (such as cluster.local)\n", generate.Error);
    }

    [Fact]
    public void A_cluster_domain_with_a_trailing_dot_is_read()
    {
        var flows = _dir.File("flows.csv");
        File.WriteAllText(flows, "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n");
        var run = CliRun.Of("flows", "check", flows, "--cluster", Cluster, "--cluster-domain", "Cluster.Local.");
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_fix_dir_that_is_a_file_is_refused_with_the_path()
    {
        File.WriteAllText(_dir.File("pod.yaml"), Pod);
        var blocker = _dir.File("fixes");
        File.WriteAllText(blocker, "not a directory");
        var run = CliRun.Of("lint", _dir.File("pod.yaml"), "--fix-dir", blocker);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {blocker}: --fix-dir: is a file; name the directory to write into\n", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Choice_values_are_lower_case_as_kubectl_s_output_formats_and_protocols_take_any_case()
    {
        File.WriteAllText(_dir.File("pod.yaml"), Pod);
        var upper = CliRun.Of("connectivity", _dir.File("pod.yaml"), "-o", "JSON");
        Assert.Equal(2, upper.ExitCode);
        Assert.StartsWith("error: Argument 'JSON' not recognized. Must be one of: 'txt' 'json'", upper.Error, StringComparison.Ordinal);
        Assert.Equal(2, CliRun.Of("lint", _dir.File("pod.yaml"), "--fail-on", "HIGH").ExitCode);
        var tcp = CliRun.Of("eval", _dir.File("pod.yaml"), "--src", "a/web", "--dst", "192.0.2.1", "--port", "80", "--protocol", "tcp");
        Assert.Equal((0, "allowed: a/web[Pod] => 192.0.2.1 : TCP 80\n"), (tcp.ExitCode, tcp.Output));
    }
}
