using Palisade.EndToEnd.Tests.Cluster;

namespace Palisade.EndToEnd.Tests.Serve;

/// <summary>
/// Objects deleted while the service could not see the real kube-apiserver: after a dropped connection (the watch
/// resumes and replays the deletions) and after a compaction behind a paused one (410, the kind is listed again and
/// what the list lacks is gone), the served state no longer has them, and nothing deleted comes back.
/// </summary>
[Collection(ServedClusterCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ServeDeletedWhileAwayTests(ServedCluster cluster)
{
    private List<string> Policies(string ns) =>
        [.. cluster.Server.State.Live!.Current!.Cluster.Network.NetworkPolicies.Where(p => p.Namespace == ns).Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static string Policy(string ns, string name) => $$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        ---

        """;

    [Fact]
    public async Task Policies_deleted_while_disconnected_or_compacted_away_are_gone_from_the_state()
    {
        cluster.Require();
        var ns = $"away-{Guid.NewGuid():N}"[..13];
        cluster.Api.Kubectl("create", "namespace", ns).Ok("kubectl create namespace");
        cluster.Api.Apply(string.Concat(Enumerable.Range(0, 6).Select(i => Policy(ns, $"p{i}"))));
        await Wait.Until(() => Policies(ns).Count == 6, "six policies seen");
        var statistics = cluster.Server.State.Watch!.Statistics;

        cluster.Proxy.DropAll();
        cluster.Api.Kubectl("delete", "networkpolicy", "p0", "p1", "-n", ns).Ok("kubectl delete");
        await Wait.Until(() => Policies(ns).SequenceEqual(["p2", "p3", "p4", "p5"]), "deletions replayed after a dropped connection");

        var expired = statistics.Expired;
        cluster.Proxy.Pause();
        cluster.Api.Kubectl("delete", "networkpolicy", "p2", "p3", "-n", ns).Ok("kubectl delete");
        cluster.Api.Apply(Policy(ns, "q0"));
        await cluster.CompactAsync();
        cluster.Proxy.Resume();
        await Wait.Until(() => Policies(ns).SequenceEqual(["p4", "p5", "q0"]), "deletions gone after a relist");
        Assert.True(statistics.Expired > expired, "no watch expired: etcd was compacted past the resourceVersion");
    }
}
