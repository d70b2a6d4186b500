using FsCheck;
using FsCheck.Fluent;
using Palisade.Model;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// Random clusters whose workloads run several identical replicas (some without known IPs, so one workload
/// spans two identity classes), and look-alike workloads sharing a replica's labels and ports.
/// </summary>
public static class ReplicaGenerators
{
    /// <summary>The arbitrary FsCheck uses for <see cref="GeneratedCase"/>.</summary>
    public static Arbitrary<GeneratedCase> Cases() => Arb.From(
        from c in ClusterGenerators.Case
        from counts in Gen.Choose(1, 4).ArrayOf(c.Cluster.Pods.Count)
        from twins in Gen.Elements(true, false).ArrayOf(c.Cluster.Pods.Count)
        from shareIps in Gen.Elements(true, false)
        select Replicate(c, counts, twins, shareIps));

    private static GeneratedCase Replicate(GeneratedCase c, int[] counts, bool[] twins, bool shareIps)
    {
        var pods = new List<Pod>();
        for (var i = 0; i < c.Cluster.Pods.Count; i++)
        {
            var pod = c.Cluster.Pods[i];
            for (var r = 0; r < counts[i]; r++)
                pods.Add(Copy(pod, $"{pod.Name}-{r}", pod.Owner, shareIps || r == 0 ? pod.Addresses : []));
            if (twins[i])
                pods.Add(Copy(pod, $"{pod.Name}-twin", new WorkloadRef(pod.Namespace, $"{pod.Name}-twin", "Deployment"), pod.Addresses));
        }
        var cluster = new NetworkSnapshot(c.Cluster.Namespaces.Values, pods, c.Cluster.NetworkPolicies, adminPolicies: c.Cluster.AdminPolicies);
        return c with { Cluster = cluster };
    }

    private static Pod Copy(Pod pod, string name, WorkloadRef owner, IReadOnlyList<System.Net.IPAddress> addresses) =>
        new(pod.Namespace, name, pod.Labels, owner) { Ports = pod.Ports, Addresses = addresses, HostNetwork = pod.HostNetwork };
}
