using FsCheck.Xunit;
using Palisade.Core.Tests.Support;
using Palisade.Connectivity;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Posture;
using Palisade.Posture.DefaultPorts;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// A fix's proof takes the edge lines of the changed cluster from the cluster before where the change cannot reach
/// them (<see cref="ChangedEdges"/>): on random clusters (workloads of several pods, some listening on well-known ports,
/// an Ingress, the options varied; larger ones too) and random changes of one or two namespaces' NetworkPolicies (the ingress
/// controller's among them; new ipBlocks holding a pod's address), what the checks read of them equals what a whole
/// analysis of the changed cluster gives.
/// </summary>
public sealed class ChangedEdgesAgreeWithAnalysisTests
{
    [Property(MaxTest = 500, Arbitrary = [typeof(ClusterGenerators)])]
    public void Changed_edges_equal_those_of_a_whole_analysis(GeneratedCase c, GeneratedCase other, int seed)
    {
        var (cluster, changed, options) = ChangedClusters.Draw(c, other, seed);
        Assert.Equal(Whole(changed, options), Incremental(cluster, changed, options));
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(LargerClusterGenerators)])]
    public void Changed_edges_equal_those_of_a_whole_analysis_on_larger_clusters(GeneratedCase c, GeneratedCase other, int seed)
    {
        var (cluster, changed, options) = ChangedClusters.Draw(c, other, seed);
        Assert.Equal(Whole(changed, options), Incremental(cluster, changed, options));
    }

    [Fact]
    public void A_new_egress_ip_block_that_tells_a_listeners_replicas_apart_is_seen()
    {
        // The /32 makes pg-1 a class of its own: what reaches db/pg (only app's workloads may) is asked of both replicas,
        // not of pg-0 alone.
        var replica = (string name, string ip) => new Pod("db", name, LabelSet.From([new("app", "pg")]), new WorkloadRef("db", "pg", "StatefulSet"))
        {
            Ports = [new ContainerPort("pg", 5432, Protocol.Tcp)],
            Addresses = [System.Net.IPAddress.Parse(ip)],
            FromTemplate = true,
        };
        var client = new Pod("app", "client", LabelSet.From([new("app", "client")]), new WorkloadRef("app", "client", "Deployment"))
        {
            Addresses = [System.Net.IPAddress.Parse("10.1.0.1")],
        };
        var deny = new Policy.NetworkPolicy("app", "deny", LabelSelector.Everything) { PolicyTypes = [Policy.PolicyDirection.Egress] };
        var onlyApp = Build.NetPol("db/only-app", "", [Policy.PolicyDirection.Ingress], ingress: [Build.From([Build.Namespaces("kubernetes.io/metadata.name=app")])]);
        var cluster = new Cluster(new NetworkSnapshot([new NamespaceInfo("db", LabelSet.Empty), new NamespaceInfo("app", LabelSet.Empty)],
            [replica("pg-0", "10.0.0.1"), replica("pg-1", "10.0.0.2"), client], [deny, onlyApp]));
        var allow = new Policy.NetworkPolicy("app", "allow", LabelSelector.Everything)
        {
            PolicyTypes = [Policy.PolicyDirection.Egress],
            Egress = [new Policy.PolicyRule(Policy.PolicyDirection.Egress, 0, [Build.Cidr("10.0.0.2/32")], [])],
        };
        var changed = new Cluster(cluster.Network.With(policies: [deny, onlyApp, allow]));
        var incremental = Incremental(cluster, changed, ConnectivityOptions.Default);
        Assert.Contains("db/pg[StatefulSet]: external No Connections, controller No Connections\n  5432/Tcp reached from elsewhere: True", incremental);
        Assert.Contains("5432/Tcp reached from elsewhere: False", Incremental(cluster, cluster, ConnectivityOptions.Default));
        Assert.Equal(Whole(changed, ConnectivityOptions.Default), incremental);
    }

    private static string Incremental(Cluster cluster, Cluster changed, ConnectivityOptions options)
    {
        var before = new PostureContext(cluster, options);
        _ = before.Reach;
        return Describe(new PostureContext(changed, options) { OnlyCompared = true, ChangedFrom = before });
    }

    private static string Whole(Cluster changed, ConnectivityOptions options) =>
        Describe(new PostureContext(changed, options) { OnlyCompared = true });

    /// <summary>
    /// What a proof's checks read: each workload's reach from outside and from the ingress controller, and for each
    /// listener which of its well-known ports something outside its namespace reaches.
    /// </summary>
    private static string Describe(PostureContext context)
    {
        var text = new System.Text.StringBuilder();
        foreach (var workload in context.Workloads())
        {
            var peer = PostureContext.PeerOf(workload.Pod);
            text.Append(peer).Append(": external ").Append(context.Reach.FromExternal(peer))
                .Append(", controller ").Append(context.Reach.FromIngressController(peer)).Append('\n');
            if (!workload.Pod.Ports.Any(p => WellKnownPorts.ServiceOn(p.Protocol, p.Port) is not null))
                continue;
            var reach = context.ReachOfListener(peer);
            foreach (var port in workload.Pod.Ports.Where(p => WellKnownPorts.ServiceOn(p.Protocol, p.Port) is not null))
                text.Append("  ").Append(port.Port).Append('/').Append(port.Protocol).Append(" reached from elsewhere: ").Append(reach.Of(port.Protocol, port.Port).Sources > 0).Append('\n');
        }
        return text.ToString();
    }
}
