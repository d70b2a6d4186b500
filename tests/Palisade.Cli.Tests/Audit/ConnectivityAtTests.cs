using System.Text.Json;
using Palisade.Testing;
using static Palisade.Testing.AuditLines;

namespace Palisade.Cli.Tests.Audit;

/// <summary>
/// <c>connectivity --audit LOG --at TIME</c> (PRODUCT.md, Command surface): the state in force at TIME, replayed from
/// the log onto the manifests; and what <c>audit</c> says a change opened follows the same engine options as
/// <c>connectivity</c> and <c>diff</c>.
/// </summary>
public sealed class ConnectivityAtTests : IDisposable
{
    /// <summary>Before the night: shop talks to itself and the world; data is closed both ways.</summary>
    private const string Before = """
        0.0.0.0-255.255.255.255[External] => shop/debug[Pod] : All Connections
        0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections
        shop/debug[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        shop/debug[Pod] => shop/web[Deployment] : All Connections
        shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
        shop/web[Deployment] => shop/debug[Pod] : All Connections

        """;

    /// <summary>From 03:00, shop is labelled access=db: both its workloads reach the database on 5432.</summary>
    private const string At0300 = """
        0.0.0.0-255.255.255.255[External] => shop/debug[Pod] : All Connections
        0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections
        shop/debug[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        shop/debug[Pod] => data/db[StatefulSet] : TCP 5432
        shop/debug[Pod] => shop/web[Deployment] : All Connections
        shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
        shop/web[Deployment] => data/db[StatefulSet] : TCP 5432
        shop/web[Deployment] => shop/debug[Pod] : All Connections

        """;

    /// <summary>From 03:10: 9187 too (03:05), and the debug pod, now role=client, reaches the cache.</summary>
    private const string At0310 = """
        0.0.0.0-255.255.255.255[External] => shop/debug[Pod] : All Connections
        0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections
        shop/debug[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
        shop/debug[Pod] => data/cache[Deployment] : TCP 6379
        shop/debug[Pod] => data/db[StatefulSet] : TCP 5432,9187
        shop/debug[Pod] => shop/web[Deployment] : All Connections
        shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
        shop/web[Deployment] => data/db[StatefulSet] : TCP 5432,9187
        shop/web[Deployment] => shop/debug[Pod] : All Connections

        """;

    private readonly AuditScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private CliRun At(string time, params string[] more) =>
        CliRun.Of(["connectivity", _scenario.ClusterDirectory, "--audit", _scenario.Log("night.log", AuditScenario.Night), "--at", time, .. more]);

    [Theory]
    [InlineData("2024-05-01T02:59:59.999999Z", Before)]
    [InlineData("2024-05-01T02:59:59.999999999Z", Before)]
    [InlineData("2024-05-01T04:59:59.99999999+02:00", Before)]
    [InlineData("2024-05-01T03:00:00Z", At0300)]
    [InlineData("2024-05-01T03:04:59Z", At0300)]
    [InlineData("2024-05-01T03:10:00Z", At0310)]
    [InlineData("2024-05-01T05:14:59+02:00", At0310)]
    [InlineData("2024-05-01T03:30:00Z", At0310)]
    [InlineData("2024-05-02T00:00:00Z", At0310)]
    [InlineData("2024-05-01T03:10:00", At0310)]
    [InlineData("2024-05-01 03:04", At0300)]
    public void The_state_in_force_at_the_time_is_answered(string time, string expected)
    {
        var run = At(time);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(expected, run.Output);
    }

    [Fact]
    public void While_the_metrics_policy_held_the_cache_admitted_its_range()
    {
        var run = At("2024-05-01T03:15:00Z", "--focus", "data/cache");
        Assert.Contains("10.1.0.0-10.1.255.255[External] => data/cache[Deployment] : TCP 16379", run.Output.Split('\n'));
        Assert.Contains("shop/debug[Pod] => data/cache[Deployment] : TCP 6379,16379", run.Output.Split('\n'));
    }

    [Fact]
    public void Without_a_time_the_state_after_the_last_change_is_answered()
    {
        var run = CliRun.Of("connectivity", _scenario.ClusterDirectory, "--audit", _scenario.Log("night.log", AuditScenario.Night));
        Assert.Equal(At0310, run.Output);
    }

    [Fact]
    public void A_time_whose_state_is_unknown_says_so()
    {
        var log = _scenario.Log("metadata.log", Event("update", "networkpolicies", "data", "db", level: "Metadata", at: "03:00"));
        var run = CliRun.Of("connectivity", _scenario.ClusterDirectory, "--audit", log, "--at", "2024-05-01T03:01:00Z");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning: NetworkPolicy data/db: its state at 2024-05-01T03:01:00Z is unknown", run.Error, StringComparison.Ordinal);
        var before = CliRun.Of("connectivity", _scenario.ClusterDirectory, "--audit", log, "--at", "2024-05-01T02:59:00Z");
        Assert.DoesNotContain("unknown", before.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void At_without_audit_is_exit_2()
    {
        var run = CliRun.Of("connectivity", _scenario.ClusterDirectory, "--at", "2024-05-01T03:00:00Z");
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --at:", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_that_is_not_a_time_is_exit_2()
    {
        var run = At("last night");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --at:", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ipblock-pod-ips", "off")]
    [InlineData("--np-guard", null)]
    public void What_audit_says_a_change_opened_follows_the_engine_options(string option, string? value)
    {
        // With ipBlocks matching external addresses only, data/metrics opens its range to the cache, not the debug pod in it.
        string[] args = ["audit", _scenario.Log("metrics.log", AuditScenario.Night[3]), "--cluster", _scenario.ClusterDirectory, "-o", "json", option];
        var run = CliRun.Of(value is null ? args : [.. args, value]);
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var alert = json.RootElement.GetProperty("alerts")[0];
        Assert.Equal(["10.1.0.0-10.1.255.255[External] => data/cache[Deployment] : TCP 16379"], alert.GetProperty("opened").EnumerateArray().Select(l => l.GetString()));

        var connectivity = CliRun.Of(value is null
            ? ["connectivity", _scenario.ClusterDirectory, "--audit", _scenario.Log("metrics.log", AuditScenario.Night[3]), option]
            : ["connectivity", _scenario.ClusterDirectory, "--audit", _scenario.Log("metrics.log", AuditScenario.Night[3]), option, value]);
        Assert.DoesNotContain("shop/debug[Pod] => data/cache[Deployment]", connectivity.Output, StringComparison.Ordinal);
    }
}
