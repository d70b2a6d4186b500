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

    private const string Rollout = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-6c8f9d7b45-x2k4p
          namespace: shop
          labels: {app: web, pod-template-hash: 6c8f9d7b45}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-6c8f9d7b45, uid: u2, controller: true}]
        spec: {nodeName: node-1, containers: [{name: web, image: x}]}
        status: {phase: Running, podIP: 10.244.1.5, podIPs: [{ip: 10.244.1.5}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: report-28512400-q8z7w
          namespace: shop
          labels: {app: report}
          ownerReferences: [{apiVersion: batch/v1, kind: Job, name: report-28512400, uid: u3, controller: true}]
        spec: {nodeName: node-1, containers: [{name: report, image: x}]}
        status: {phase: Running, podIP: 10.244.1.9, podIPs: [{ip: 10.244.1.9}], hostIP: 10.0.0.11}
        """;

    /// <summary>
    /// A dump without controllers (<c>kubectl get pods</c>) names a Deployment's pods by their ReplicaSet and a CronJob's
    /// by their Job, and alerts print that name; the baseline keys them by the Deployment or CronJob so that the next
    /// rollout or run is not new, and an edge copied from the alert must survive it too.
    /// </summary>
    [Theory]
    [InlineData("shop/web-7d4b9c8f5[ReplicaSet]", "10.244.1.5")]
    [InlineData("shop/report-28512340[Job]", "10.244.1.9")]
    public void A_replicaset_or_job_copied_from_an_alert_stands_for_its_deployment_or_cronjob(string inBaseline, string source)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cluster.yaml"), Rollout);
        File.WriteAllText(dir.File("baseline.json"),
            $$"""{"kind":"PalisadeFlowBaseline","version":1,"edges":[{"src":"{{inBaseline}}","dst":"203.0.113.9","protocol":"TCP","port":443}]}""");
        File.WriteAllText(dir.File("flows.csv"),
            $"time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2026-01-02T10:00:01Z,{source},40001,203.0.113.9,443,TCP,100,FORWARDED\n");
        var run = CliRun.Of(["flows", "check", dir.File("flows.csv"), "--cluster", dir.File("cluster.yaml"), "--baseline", dir.File("baseline.json"), "-o", "json"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("new-connection", run.Output, StringComparison.Ordinal);
    }

    /// <summary>A peer named otherwise than a baseline keys peers never matches: the edge would be accepted and ignored.</summary>
    [Theory]
    [InlineData("src", "shop/web")]
    [InlineData("src", "web[Deployment]")]
    [InlineData("dst", "*")]
    [InlineData("dst", "example.com")]
    public void A_peer_no_flow_can_be_keyed_by_is_bad_input(string end, string name)
    {
        var (src, dst) = end == "src" ? (name, "203.0.113.0/24") : ("shop/web[Deployment]", name);
        var run = Check($$"""{"src":"{{src}}","dst":"{{dst}}","protocol":"TCP","port":443}""",
            $"2026-01-02T10:00:01Z,{EdgeCluster.Web},40001,203.0.113.9,443,TCP,100,FORWARDED\n");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"edges[0].{end}", run.Error, StringComparison.Ordinal);
        Assert.Contains("ns/name[Kind]", run.Error, StringComparison.Ordinal);
    }

    /// <summary>An edge copied whole from an alert carries its <c>ports</c> list, not the baseline's one <c>port</c>.</summary>
    [Fact]
    public void An_edge_with_the_alerts_ports_list_is_one_edge_per_port()
    {
        var run = Check("""{"src":"shop/web[Deployment]","dst":"203.0.113.9","protocol":"TCP","ports":[443,8443]}""",
            $"2026-01-02T10:00:01Z,{EdgeCluster.Web},40001,203.0.113.9,443,TCP,100,FORWARDED\n2026-01-02T10:00:02Z,{EdgeCluster.Web},40002,203.0.113.9,8443,TCP,100,FORWARDED\n");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("new-connection", run.Output, StringComparison.Ordinal);
    }
    /// <summary>
    /// A TCP, UDP or SCTP edge is keyed by its destination port: one without it (0, null, absent) would never match a
    /// connection, so the edge an operator meant to accept would go on alerting.
    /// </summary>
    [Theory]
    [InlineData("TCP", "\"port\":0", "edges[0].port")]
    [InlineData("TCP", "\"port\":null", "edges[0].port")]
    [InlineData("UDP", "\"port\":null", "edges[0].port")]
    [InlineData("SCTP", "\"other\":1", "edges[0].port")]
    [InlineData("TCP", "\"ports\":[443,0]", "edges[0].ports[1]")]
    public void A_port_protocols_edge_without_a_port_is_bad_input(string protocol, string port, string field)
    {
        var run = Check($$"""{"src":"shop/web[Deployment]","dst":"203.0.113.9","protocol":"{{protocol}}",{{port}}}""",
            $"2026-01-02T10:00:01Z,{EdgeCluster.Web},40001,203.0.113.9,443,TCP,100,FORWARDED\n");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("baseline.json", run.Error, StringComparison.Ordinal);
        Assert.Contains(field, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("\"port\":null")]
    [InlineData("\"other\":1")]
    public void An_icmp_edge_has_no_port(string port)
    {
        var run = Check($$"""{"src":"shop/web[Deployment]","dst":"203.0.113.9","protocol":"ICMP",{{port}}}""",
            $"2026-01-02T10:00:01Z,{EdgeCluster.Web},0,203.0.113.9,0,ICMP,100,FORWARDED\n");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("new-connection", run.Output, StringComparison.Ordinal);
    }
}
