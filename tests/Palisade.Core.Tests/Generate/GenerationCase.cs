using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Palisade.Core.Tests.Reference;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Core.Tests.Generate;

/// <summary>
/// A random cluster for generation (workloads of one or two pods with IPs, each with its own <c>app</c> label and
/// labels from the pools the random policies select on, sometimes on the host network; sometimes CoreDNS; random
/// existing NetworkPolicies, some admitting single addresses (an external one, or a host-network pod's) so that
/// widening an address to its prefix on an isolated side would allow what they deny) and random flows: (source
/// workload, destination workload or external address, port).
/// </summary>
public sealed record GenerationCase(Cluster Cluster, IReadOnlyList<(Pod Source, object Destination, Protocol Protocol, int Port)> Flows)
{
    private static readonly string[] PortPool = ["http:80/TCP", "web:8080/TCP", "dns:53/UDP", "alt:81/TCP", "sig:9000/SCTP"];
    private static readonly string[] ExternalPool = ["8.8.8.8", "203.0.113.9", "192.168.1.1", "172.16.0.1"];
    private static readonly string[] SingleAddressPool = [.. ExternalPool, "10.1.0.1", "10.1.1.1", "10.1.2.2"];
    private static readonly string[] NarrowPortPool = ["TCP 80", "UDP 53", "TCP 8080", "81"];

    /// <summary>A policy admitting one address, on a port or on all, in one direction or both.</summary>
    private static Gen<NetworkPolicy> Narrow =>
        from ns in Gen.Elements(ClusterGenerators.NamespaceNames)
        from app in Gen.Choose(0, 5)
        from address in Gen.Elements(SingleAddressPool)
        from ports in Gen.SubListOf(NarrowPortPool)
        from types in Gen.Elements<PolicyDirection[]>([PolicyDirection.Egress], [PolicyDirection.Ingress],
            [PolicyDirection.Ingress, PolicyDirection.Egress])
        from id in Gen.Choose(0, 1_000_000)
        let rule = (PolicyPeer[])[Support.Build.Cidr($"{address}/32")]
        select new NetworkPolicy(ns, $"narrow{id}", app == 5 ? LabelSelector.Everything : Support.Build.Sel($"app=w{app}"))
        {
            PolicyTypes = types,
            Ingress = [Support.Build.Rule(PolicyDirection.Ingress, 0, rule, [.. ports])],
            Egress = [Support.Build.Rule(PolicyDirection.Egress, 0, rule, [.. ports])],
        };

    /// <summary>The arbitrary FsCheck uses.</summary>
    public static Arbitrary<GenerationCase> Cases() => Arb.From(Case);

    private static Gen<(LabelSet Labels, string[] Ports, int Replicas, bool HostNetwork, string Namespace)> Workload =>
        from labels in ClusterGenerators.Labels
        from ports in Gen.SubListOf(PortPool)
        from replicas in Gen.Choose(1, 2)
        from hostNetwork in Gen.Frequency((8, Gen.Constant(false)), (1, Gen.Constant(true)))
        from ns in Gen.Elements(ClusterGenerators.NamespaceNames)
        select (labels, ports.ToArray(), replicas, hostNetwork, ns);

    private static Gen<GenerationCase> Case =>
        from namespaceLabels in ClusterGenerators.Labels.ArrayOf(ClusterGenerators.NamespaceNames.Length)
        from count in Gen.Choose(2, 5)
        from workloads in Workload.ArrayOf(count)
        from dns in Gen.Elements(true, false)
        from random in Gen.Choose(0, 3).SelectMany(n => ClusterGenerators.Policy.ArrayOf(n))
        from narrow in Gen.Choose(0, 2).SelectMany(n => Narrow.ArrayOf(n))
        from picks in Gen.Choose(1, 12).SelectMany(n => (from s in Gen.Choose(0, 99) from d in Gen.Choose(0, 99) from p in Gen.Choose(0, 99) select (s, d, p)).ArrayOf(n))
        select Build(namespaceLabels, workloads, dns, [.. random, .. narrow], picks);

    private static GenerationCase Build(LabelSet[] namespaceLabels, (LabelSet Labels, string[] Ports, int Replicas, bool HostNetwork, string Namespace)[] workloads,
        bool dns, NetworkPolicy[] policies, (int S, int D, int P)[] picks)
    {
        var pods = new List<Pod>();
        for (var w = 0; w < workloads.Length; w++)
        {
            var (labels, ports, replicas, hostNetwork, ns) = workloads[w];
            var app = labels.Items.Where(l => l.Key != "app").Append(new KeyValuePair<string, string>("app", $"w{w}"));
            for (var r = 0; r < replicas; r++)
            {
                pods.Add(new Pod(ns, $"w{w}-{r}", LabelSet.From(app), new WorkloadRef(ns, $"w{w}", "Deployment"))
                {
                    Ports = Support.Build.Ports(string.Join(",", ports)),
                    Addresses = [IPAddress.Parse($"10.1.{w}.{r + 1}")],
                    HostNetwork = hostNetwork,
                });
            }
        }
        var namespaces = ClusterGenerators.NamespaceNames.Select((n, i) => new NamespaceInfo(n, namespaceLabels[i])).ToList();
        var services = new List<ServiceInfo>();
        if (dns)
        {
            namespaces.Add(new NamespaceInfo("kube-system", LabelSet.Empty));
            pods.Add(new Pod("kube-system", "coredns-0", Support.Build.Labels("k8s-app=kube-dns"), new WorkloadRef("kube-system", "coredns", "Deployment"))
            {
                Ports = Support.Build.Ports("dns:53/UDP,dns-tcp:53/TCP"),
                Addresses = [IPAddress.Parse("10.1.99.1")],
            });
            services.Add(new ServiceInfo("kube-system", "kube-dns", "ClusterIP", Support.Build.Labels("k8s-app=kube-dns"))
            {
                Ports = [new ServicePort("dns", 53, Protocol.Udp, 53, null, null)],
            });
        }
        var snapshot = new NetworkSnapshot(namespaces, pods, policies.DistinctBy(p => p.ToString()), services);
        var flows = new List<(Pod, object, Protocol, int)>();
        foreach (var (s, d, p) in picks)
        {
            var source = pods[s % pods.Count];
            object destination = d % 5 == 4 ? IPAddress.Parse(ExternalPool[d % ExternalPool.Length]) : pods[d % pods.Count];
            var declared = destination is Pod pod && pod.Ports.Count > 0 ? pod.Ports[p % pod.Ports.Count] : Support.Build.Ports(PortPool[p % PortPool.Length])[0];
            if (!ReferenceEquals(source, destination))
                flows.Add((source, destination, declared.Protocol, declared.Port));
        }
        return new GenerationCase(new Cluster(snapshot), flows);
    }

    /// <inheritdoc />
    public override string ToString() =>
        new GeneratedCase(Cluster.Network, true) + string.Join("\n", Flows.Select(f => $"flow {f.Source} -> {f.Destination} {f.Protocol.Name()} {f.Port}"));
}
