using Palisade.Connectivity;
using Palisade.Core.Tests.Support;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Core.Tests.Reference;

/// <summary>Random clusters of the shapes fixes meet, and random changes of one or two namespaces' NetworkPolicies.</summary>
internal static class ChangedClusters
{
    private static readonly string[] Namespaces = [.. ClusterGenerators.NamespaceNames, PolicyEngine.IngressControllerPod.Namespace];

    /// <summary>A random cluster (<see cref="Enriched"/>), a random change of its policies and random engine options.</summary>
    internal static (Cluster Cluster, Cluster Changed, ConnectivityOptions Options) Draw(GeneratedCase c, GeneratedCase other, int seed)
    {
        var random = new Random(seed);
        var options = new ConnectivityOptions { IpBlockMatchesPodIps = c.IpBlockMatchesPodIps, HostNetworkAsPods = random.Next(2) == 0, Ipv6 = random.Next(2) == 0 };
        var cluster = new Cluster(Enriched(c.Cluster, random));
        return (cluster, new Cluster(cluster.Network.With(policies: ChangedPolicies(cluster.Network, other.Cluster, random))), options);
    }

    /// <summary>
    /// Some pods listen on PostgreSQL's or SSH's port; most pods of a namespace become replicas of its first pod's
    /// workload (same labels and ports, their own addresses); half the clusters have a DNS pod (k8s-app=kube-dns) in one of
    /// the namespaces, and half route an Ingress to pods labelled app=a.
    /// </summary>
    internal static NetworkSnapshot Enriched(NetworkSnapshot cluster, Random random)
    {
        var templates = new Dictionary<string, Pod>(StringComparer.Ordinal);
        var pods = new List<Pod>();
        foreach (var original in cluster.Pods)
        {
            var pod = random.Next(3) == 0
                ? original with { Ports = [.. original.Ports, new ContainerPort(random.Next(2) == 0 ? "db" : null, random.Next(2) == 0 ? 5432 : 22, Protocol.Tcp)] }
                : original;
            if (!templates.TryGetValue(pod.Namespace, out var template))
                templates[pod.Namespace] = pod = pod with { Owner = new WorkloadRef(pod.Namespace, "shared", "Deployment") };
            else if (random.Next(3) > 0)
                pod = new Pod(template.Namespace, pod.Name, template.Labels, template.Owner)
                {
                    Ports = template.Ports, HostNetwork = template.HostNetwork, FromTemplate = true, Addresses = pod.Addresses,
                };
            pods.Add(pod);
        }
        if (random.Next(2) == 0)
        {
            var home = ClusterGenerators.NamespaceNames[random.Next(ClusterGenerators.NamespaceNames.Length)];
            pods.Add(new Pod(home, "coredns-0", LabelSet.From([new("k8s-app", "kube-dns")]), new WorkloadRef(home, "coredns", "Deployment"))
            {
                Ports = [new ContainerPort("dns", 53, Protocol.Udp), new ContainerPort("dns-tcp", 53, Protocol.Tcp)],
                Addresses = [System.Net.IPAddress.Parse("10.0.9.53")],
            });
        }
        var namespaces = cluster.Namespaces.Values.Append(new NamespaceInfo(PolicyEngine.IngressControllerPod.Namespace, LabelSet.Empty));
        if (random.Next(2) == 0)
            return new NetworkSnapshot(namespaces, pods, cluster.NetworkPolicies, cluster.Services, cluster.AdminPolicies, cluster.IngressRoutes);
        var ns = ClusterGenerators.NamespaceNames[random.Next(ClusterGenerators.NamespaceNames.Length)];
        var service = new ServiceInfo(ns, "web", "ClusterIP", LabelSet.From([new("app", "a")]))
        {
            Ports = [new ServicePort("http", 80, Protocol.Tcp, 80, null, null)],
        };
        var route = new IngressRoute("Ingress", ns, "web", [new ServiceBackend("web", null, 80)]);
        return new NetworkSnapshot(namespaces, pods, cluster.NetworkPolicies, [service], cluster.AdminPolicies, [route]);
    }

    /// <summary>
    /// The policies with one or two namespaces' changed: some dropped, some of another cluster's moved in, at times an
    /// egress rule to one pod's address (a new range of both partitions, which can split a workload's classes).
    /// </summary>
    internal static List<Policy.NetworkPolicy> ChangedPolicies(NetworkSnapshot cluster, NetworkSnapshot other, Random random)
    {
        var scope = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Namespaces[random.Next(Namespaces.Length)]).ToHashSet();
        var policies = cluster.NetworkPolicies.Where(p => !scope.Contains(p.Namespace) || random.Next(2) == 0).ToList();
        var i = 0;
        foreach (var ns in scope)
        {
            foreach (var moved in other.NetworkPolicies.Where(_ => random.Next(2) == 0))
                policies.Add(moved with { Namespace = ns, Name = $"moved{i++}", Ingress = Copied(moved.Ingress), Egress = Copied(moved.Egress) });
            if (random.Next(3) == 0 && cluster.Pods[random.Next(cluster.Pods.Count)].Addresses is [var address, ..])
            {
                var block = Build.Cidr($"{address}/{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)}");
                policies.Add(new Policy.NetworkPolicy(ns, $"to-one{i++}", LabelSelector.Everything)
                {
                    PolicyTypes = [Policy.PolicyDirection.Egress],
                    Egress = [new Policy.PolicyRule(Policy.PolicyDirection.Egress, 0, [block], [])],
                });
            }
        }
        return policies;
    }

    /// <summary>
    /// Rules of their own: the engine knows a rule and its peers by reference, as belonging to one policy (a loaded
    /// policy never shares them), so a policy moved to another namespace gets new ones.
    /// </summary>
    internal static Policy.PolicyRule[] Copied(IReadOnlyList<Policy.PolicyRule> rules) =>
        [.. rules.Select(r => r with { Peers = [.. r.Peers.Select(p => p switch { Policy.SelectorPeer s => s with { }, Policy.IpBlockPeer b => (Policy.PolicyPeer)(b with { }), _ => p })] })];
}
