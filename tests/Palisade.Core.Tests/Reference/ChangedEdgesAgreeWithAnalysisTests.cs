using FsCheck.Xunit;
using Palisade.Connectivity;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Posture;
using Palisade.Posture.DefaultPorts;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// A fix's proof takes the edge lines of the changed cluster from the cluster before where the change cannot reach
/// them (<see cref="ChangedEdges"/>): on random clusters (with workloads listening on well-known ports and, at times,
/// an Ingress) and random changes of one or two namespaces' NetworkPolicies, what the checks read of them equals what a
/// whole analysis of the changed cluster gives.
/// </summary>
public sealed class ChangedEdgesAgreeWithAnalysisTests
{
    [Property(MaxTest = 400, Arbitrary = [typeof(ClusterGenerators)])]
    public void Changed_edges_equal_those_of_a_whole_analysis(GeneratedCase c, GeneratedCase other, int seed)
    {
        var random = new Random(seed);
        var options = new ConnectivityOptions { IpBlockMatchesPodIps = c.IpBlockMatchesPodIps };
        var cluster = new Cluster(Enriched(c.Cluster, random));
        var before = new PostureContext(cluster, options);
        _ = before.Reach;
        var changed = new Cluster(cluster.Network.With(policies: ChangedPolicies(cluster.Network, other.Cluster, random)));
        var incremental = new PostureContext(changed, options) { OnlyCompared = true, ChangedFrom = before };
        var whole = new PostureContext(changed, options) { OnlyCompared = true };
        Assert.Equal(Describe(whole), Describe(incremental));
    }

    /// <summary>Some pods listen on PostgreSQL's or SSH's port; half the clusters route an Ingress to pods labelled app=a.</summary>
    private static NetworkSnapshot Enriched(NetworkSnapshot cluster, Random random)
    {
        var pods = cluster.Pods.Select(p => random.Next(3) == 0
            ? p with { Ports = [.. p.Ports, new ContainerPort(random.Next(2) == 0 ? "db" : null, random.Next(2) == 0 ? 5432 : 22, Protocol.Tcp)] }
            : p).ToArray();
        if (random.Next(2) == 0)
            return new NetworkSnapshot(cluster.Namespaces.Values, pods, cluster.NetworkPolicies, cluster.Services, cluster.AdminPolicies, cluster.IngressRoutes);
        var ns = ClusterGenerators.NamespaceNames[random.Next(ClusterGenerators.NamespaceNames.Length)];
        var service = new ServiceInfo(ns, "web", "ClusterIP", LabelSet.From([new("app", "a")]))
        {
            Ports = [new ServicePort("http", 80, Protocol.Tcp, 80, null, null)],
        };
        var route = new IngressRoute("Ingress", ns, "web", [new ServiceBackend("web", null, 80)]);
        return new NetworkSnapshot(cluster.Namespaces.Values, pods, cluster.NetworkPolicies, [service], cluster.AdminPolicies, [route]);
    }

    /// <summary>The policies with one or two namespaces' changed: some dropped, some of another cluster's moved in.</summary>
    private static List<Policy.NetworkPolicy> ChangedPolicies(NetworkSnapshot cluster, NetworkSnapshot other, Random random)
    {
        var names = ClusterGenerators.NamespaceNames;
        var scope = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => names[random.Next(names.Length)]).ToHashSet();
        var policies = cluster.NetworkPolicies.Where(p => !scope.Contains(p.Namespace) || random.Next(2) == 0).ToList();
        var i = 0;
        foreach (var ns in scope)
        {
            foreach (var moved in other.NetworkPolicies.Where(_ => random.Next(2) == 0))
                policies.Add(moved with { Namespace = ns, Name = $"moved{i++}", Ingress = Copied(moved.Ingress), Egress = Copied(moved.Egress) });
        }
        return policies;
    }

    /// <summary>
    /// Rules of their own: the engine knows a rule and its peers by reference, as belonging to one policy (a loaded
    /// policy never shares them), so a policy moved to another namespace gets new ones.
    /// </summary>
    private static Policy.PolicyRule[] Copied(IReadOnlyList<Policy.PolicyRule> rules) =>
        [.. rules.Select(r => r with { Peers = [.. r.Peers.Select(p => p switch { Policy.SelectorPeer s => s with { }, Policy.IpBlockPeer b => (Policy.PolicyPeer)(b with { }), _ => p })] })];

    /// <summary>What the checks read: each workload's reach from outside and from the ingress controller, and the lines into each listener.</summary>
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
            foreach (var line in context.InboundToDefaultPortListener(peer))
                text.Append("  ").Append(line.Source).Append(" > ").Append(line.Destination).Append(": ").Append(line.Connections).Append('\n');
        }
        return text.ToString();
    }
}
