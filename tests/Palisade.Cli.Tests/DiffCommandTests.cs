using System.Text.Json;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary><c>palisade diff</c>: kinds of change, CI gating, json and SARIF.</summary>
public sealed class DiffCommandTests : IDisposable
{
    private const string Pods = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: a, labels: {app: web}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: a, labels: {app: db}}
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("palisade-diff-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Version(string name, string? policyPorts)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir.FullName, name));
        File.WriteAllText(Path.Combine(dir.FullName, "pods.yaml"), Pods);
        if (policyPorts is not null)
        {
            File.WriteAllText(Path.Combine(dir.FullName, "policy.yaml"), """
                # the database accepts only the web pods
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db, namespace: a}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress:
                  - from: [{podSelector: {matchLabels: {app: web}}}]
                    ports: [PORTS]
                """.Replace("PORTS", policyPorts, StringComparison.Ordinal));
        }
        return dir.FullName;
    }

    [Fact]
    public void Identical_versions_print_nothing_and_pass_every_gate()
    {
        var run = CliRun.Of("diff", Version("old", "{port: 5432}"), Version("new", "{port: 5432}"), "--fail-on", "any");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void An_IPv6_ipBlock_in_one_version_changes_nothing_for_the_pods_it_does_not_govern()
    {
        var old = Version("old", null);
        var @new = Version("new", null);
        File.WriteAllText(Path.Combine(@new, "policy.yaml"), """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-v6, namespace: a}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Egress]
              egress: [{to: [{ipBlock: {cidr: "2001:db8::5/128"}}]}]
            """);
        var run = CliRun.Of("diff", old, @new);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            Connectivity diff:
            diff-type: removed, source: a/web[Pod], destination: 0.0.0.0-255.255.255.255[External], ref1: All Connections, ref2: No Connections
            diff-type: removed, source: a/web[Pod], destination: 2001:db8::6-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External], ref1: All Connections, ref2: No Connections
            diff-type: removed, source: a/web[Pod], destination: ::-2001:db8::4[External], ref1: All Connections, ref2: No Connections
            diff-type: removed, source: a/web[Pod], destination: a/db[Pod], ref1: All Connections, ref2: No Connections

            """, run.Output);
    }

    [Fact]
    public void A_new_policy_removes_connections()
    {
        var run = CliRun.Of("diff", Version("old", null), Version("new", "{port: 5432}"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            Connectivity diff:
            diff-type: changed, source: a/web[Pod], destination: a/db[Pod], ref1: All Connections, ref2: TCP 5432
            diff-type: removed, source: 0.0.0.0-255.255.255.255[External], destination: a/db[Pod], ref1: All Connections, ref2: No Connections

            """, run.Output);
    }

    [Theory]
    [InlineData(null, "{port: 5432}", "added", 0)]
    [InlineData(null, "{port: 5432}", "changed", 1)]
    [InlineData(null, "{port: 5432}", "any", 1)]
    [InlineData("{port: 5432}", null, "added", 1)]
    [InlineData("{port: 5432}", "{port: 5432}, {port: 9187}", "added", 1)]
    [InlineData("{port: 5432}, {port: 9187}", "{port: 5432}", "added", 0)]
    [InlineData("{port: 5432}, {port: 9187}", "{port: 5432}", "changed", 1)]
    public void Fail_on_gates_by_kind_of_change(string? before, string? after, string failOn, int exitCode)
    {
        var run = CliRun.Of("diff", Version("old", before), Version("new", after), "--fail-on", failOn);
        Assert.Equal(exitCode, run.ExitCode);
    }

    [Fact]
    public void Several_paths_make_one_version()
    {
        var old = Version("old", "{port: 5432}");
        var pods = Path.Combine(_dir.FullName, "pods-only");
        Directory.CreateDirectory(pods);
        File.WriteAllText(Path.Combine(pods, "pods.yaml"), Pods);
        var policy = Path.Combine(old, "policy.yaml");
        var run = CliRun.Of("diff", old, pods, "--new", policy);
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Json_lists_each_change()
    {
        var run = CliRun.Of("diff", Version("old", null), Version("new", "{port: 5432}"), "-o", "json");
        using var json = JsonDocument.Parse(run.Output);
        var first = json.RootElement[0];
        Assert.Equal("changed", first.GetProperty("diff-type").GetString());
        Assert.Equal("TCP 5432", first.GetProperty("ref2").GetString());
        Assert.Equal(2, json.RootElement.GetArrayLength());
    }

    [Fact]
    public void Sarif_locates_each_change_on_the_rule_that_caused_it()
    {
        var run = CliRun.Of("diff", Version("old", "{port: 5432}"), Version("new", "{port: 5432}, {port: 9187}"), "-o", "sarif");
        Assert.Equal(0, run.ExitCode);
        using var sarif = JsonDocument.Parse(run.Output);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var result = Assert.Single(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal("PAL-DIFF-CHANGED", result.GetProperty("ruleId").GetString());
        Assert.Contains("NetworkPolicy a/db spec.ingress[0] admits TCP 5432,9187", result.GetProperty("message").GetProperty("text").GetString());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.EndsWith("new/policy.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(8, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Sarif_locates_a_removed_connection_on_the_rule_that_no_longer_admits_it_in_the_new_version()
    {
        var run = CliRun.Of("diff", Version("old", "{port: 5432}"), Version("new", "{port: 9187}"), "-o", "sarif");
        using var sarif = JsonDocument.Parse(run.Output);
        var result = Assert.Single(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Contains("NetworkPolicy a/db spec.ingress[0] no longer admits TCP 5432", result.GetProperty("message").GetProperty("text").GetString());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.EndsWith("new/policy.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(8, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }
}
