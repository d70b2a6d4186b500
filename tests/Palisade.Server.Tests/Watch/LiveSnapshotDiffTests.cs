using Palisade.Audit.Timeline;
using Palisade.Connectivity;
using Palisade.Connectivity.Diff;
using Palisade.Kubernetes;
using Palisade.Server.Watch;
using Palisade.Testing;

namespace Palisade.Server.Tests.Watch;

/// <summary>The change feed's diff between two live states is the diff <c>palisade diff</c> makes of them.</summary>
public sealed class LiveSnapshotDiffTests
{
    private const string Before = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: report, namespace: shop, labels: {app: report}}
        spec: {nodeName: node-1, containers: [{name: r, image: x}]}
        status: {phase: Running, podIP: 10.244.1.8}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}}
        spec: {nodeName: node-1, containers: [{name: db, image: x, ports: [{containerPort: 5432}]}]}
        status: {phase: Running, podIP: 10.244.1.7}
        """;

    private const string DbToIpv6 = """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-v6, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Egress]
          egress: [{to: [{ipBlock: {cidr: "2001:db8::5/128"}}]}]
        """;

    [Fact]
    public void A_first_IPv6_ipBlock_changes_nothing_for_the_pods_it_does_not_govern()
    {
        using var dir = new TempDirectory();
        var before = Snapshot(dir, 1, Before);
        var after = Snapshot(dir, 2, Before + "\n" + DbToIpv6);

        var said = before.DiffTo(after).Diff;

        var expected = DiffUseCase.Run(before.Cluster, after.Cluster, ConnectivityOptions.Default).Diff;
        Assert.Equal(Lines(expected), Lines(said));
        Assert.DoesNotContain(said.Changes, c => c.Source.ToString().StartsWith("shop/report", StringComparison.Ordinal));
    }

    private static string[] Lines(ConnectivityDiff diff) => [.. diff.Changes.Select(c => $"{c.Source} => {c.Destination} : {c.Before} -> {c.After}")];

    private static LiveSnapshot Snapshot(TempDirectory dir, long version, string yaml)
    {
        var path = dir.File($"state-{version}.yaml");
        File.WriteAllText(path, yaml);
        var cluster = ManifestSource.Load([path]).Cluster;
        var engine = new PolicyEngine(cluster.Network);
        return new LiveSnapshot(version, DateTimeOffset.MinValue, cluster, engine, ConnectivityAnalyzer.Analyze(engine), ObjectStore.Empty);
    }
}
