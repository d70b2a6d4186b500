using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>Every command that analyses connectivity prints the analysis' warnings, one way: <c>warning: ...</c> on standard error.</summary>
public sealed class WarningsTests
{
    private const string HostNetworkPod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: agent, namespace: monitoring}
        spec: {hostNetwork: true, containers: [{name: agent}]}
        """;

    private const string Expected = "warning: monitoring/agent[Pod] uses the host network: pod policies do not apply to it";

    [Theory]
    [InlineData("connectivity")]
    [InlineData("lint")]
    [InlineData("scan")]
    public void The_command_prints_the_connectivity_warnings(string command)
    {
        var run = CliRun.WithInput(HostNetworkPod, command, "-");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(Expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_prints_the_warnings_of_either_version_once()
    {
        var run = CliRun.WithInput(HostNetworkPod, "diff", RepoPaths.InRepo("examples", "shop"), "-");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Single(run.Error.Split('\n'), l => l.StartsWith(Expected, StringComparison.Ordinal));
    }
}
