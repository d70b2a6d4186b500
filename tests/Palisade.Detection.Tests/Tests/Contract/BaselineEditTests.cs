using Palisade.Testing;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// A baseline file edited by hand, as an operator accepts a <c>new-connection</c> by copying its <c>src</c> and
/// <c>dst</c> into the baseline: an external peer is named there by the address the alert printed, not by the /24
/// (IPv6 /64) the baseline keys it by. Cluster: <see cref="EdgeCluster"/>.
/// </summary>
public sealed class BaselineEditTests
{
    private static CliRun Check(string edges, string flowsCsv)
    {
        using var dir = new TempDirectory();
        var cluster = EdgeCluster.Write(dir);
        File.WriteAllText(dir.File("baseline.json"), $$"""{"kind":"PalisadeFlowBaseline","version":1,"edges":[{{edges}}]}""");
        File.WriteAllText(dir.File("flows.csv"), "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n" + flowsCsv);
        return CliRun.Of(["flows", "check", dir.File("flows.csv"), "--cluster", cluster, "--baseline", dir.File("baseline.json"), "-o", "json"]);
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("203.0.113.9", "203.0.113.200")]
    [InlineData("203.0.113.9/24", "203.0.113.200")]
    [InlineData("2001:db8::9", "2001:db8::1:2")]
    public void An_external_peer_named_by_an_address_is_its_network(string inBaseline, string seen)
    {
        var run = Check($$"""{"src":"shop/web[Deployment]","dst":"{{inBaseline}}","protocol":"TCP","port":443}""",
            $"2026-01-02T10:00:01Z,{EdgeCluster.Web},40001,{seen},443,TCP,100,FORWARDED\n");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("new-connection", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_source_named_by_an_address_is_its_network()
    {
        var run = Check($$"""{"src":"198.51.100.20","dst":"shop/web[Deployment]","protocol":"TCP","port":8080}""",
            $"2026-01-02T10:00:01Z,198.51.100.21,40001,{EdgeCluster.Web},8080,TCP,100,FORWARDED\n");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("new-connection", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.0.0/16")]
    [InlineData("2001:db8::/48")]
    public void A_network_other_than_the_baselines_key_is_bad_input(string network)
    {
        var run = Check($$"""{"src":"shop/web[Deployment]","dst":"{{network}}","protocol":"TCP","port":443}""",
            $"2026-01-02T10:00:01Z,{EdgeCluster.Web},40001,203.0.113.9,443,TCP,100,FORWARDED\n");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("edges[0].dst", run.Error, StringComparison.Ordinal);
        Assert.Contains("/24", run.Error, StringComparison.Ordinal);
    }
}
