using FsCheck;
using FsCheck.Fluent;
using Palisade.Model;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// Clusters of 40 to 140 pods (more than one 64-bit word of pods), owners shared by several pods, some pods not from
/// templates (so pod granularity has peers of one pod): larger than <see cref="ClusterGenerators"/> draws.
/// </summary>
public static class LargerClusterGenerators
{
    private static Gen<Pod> Member(int index) =>
        from pod in ClusterGenerators.PodIn(index)
        from owner in Gen.Choose(0, 4)
        from template in Gen.Elements(true, false)
        select pod with
        {
            Owner = owner == 0 ? pod.Owner : new WorkloadRef(pod.Namespace, $"w{owner}", owner % 2 == 0 ? "StatefulSet" : "Deployment"),
            FromTemplate = template,
        };

    private static Gen<GeneratedCase> Case =>
        from c in ClusterGenerators.Case
        from count in Gen.Choose(40, 140)
        from pods in Gen.CollectToArray(Enumerable.Range(0, count).Select(Member))
        from extra in Gen.Choose(0, 6)
        from policies in Gen.CollectToArray(Enumerable.Range(0, extra).Select(_ => ClusterGenerators.Policy))
        select new GeneratedCase(
            new NetworkSnapshot(c.Cluster.Namespaces.Values, pods, c.Cluster.NetworkPolicies.Concat(policies).DistinctBy(p => p.ToString()),
                adminPolicies: c.Cluster.AdminPolicies),
            c.IpBlockMatchesPodIps);

    /// <summary>The arbitrary.</summary>
    public static Arbitrary<GeneratedCase> Cases() => Arb.From(Case);
}
