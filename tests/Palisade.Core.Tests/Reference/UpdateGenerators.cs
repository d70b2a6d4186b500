using FsCheck;
using FsCheck.Fluent;
using Palisade.Model;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// Random clusters (mostly without cluster-scoped policies, so that updates take the incremental path) and
/// one to six random add, change and delete steps of policies, pods and namespaces.
/// </summary>
public static class UpdateGenerators
{
    private static readonly string[] Namespaces = [.. ClusterGenerators.NamespaceNames, "ns3"];

    /// <summary>The arbitrary FsCheck uses for <see cref="UpdateCase"/>.</summary>
    public static Arbitrary<UpdateCase> Cases() => Arb.From(
        from c in ClusterGenerators.Case
        from keepTiers in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        from count in Gen.Choose(1, 6)
        from steps in Step.ArrayOf(count)
        select new UpdateCase(keepTiers ? c : c with { Cluster = new NetworkSnapshot(c.Cluster.Namespaces.Values, c.Cluster.Pods, c.Cluster.NetworkPolicies) }, steps));

    private static Gen<UpdateStep> Step =>
        from kind in Gen.Elements(Enum.GetValues<UpdateKind>())
        from pick in Gen.Choose(0, 1000)
        from policy in ClusterGenerators.Policy
        from pod in Gen.Choose(5, 9).SelectMany(ClusterGenerators.PodIn)
        from ns in Gen.Elements(Namespaces)
        from labels in ClusterGenerators.Labels
        select new UpdateStep(kind, pick, policy, pod, ns, labels);
}
