using Palisade.Generate.Building;
using Palisade.Generate.Inference;
using Palisade.Generate.Proof;
using Palisade.Generate.Traffic;
using Palisade.Model;

namespace Palisade.Generate;

/// <summary><c>generate</c>: least-privilege NetworkPolicies from traffic to allow, observed or inferred, proved by the engine.</summary>
public static class GenerateUseCase
{
    /// <summary>The policies for the traffic on the cluster, and their proof.</summary>
    public static GenerateResult Generate(Cluster cluster, IReadOnlyList<ObservedEdge> edges, IEnumerable<WorkloadRef> seen, IReadOnlyList<LeftOut> leftOut,
        GenerateOptions options, DnsNames? names = null, bool inferred = false)
    {
        var set = new PolicyBuilder(cluster.Network, options, names, cluster.Objects).Build(edges, seen, leftOut, inferred);
        var proof = Prover.Prove(cluster, set, set.Edges, options.Check.Engine);
        return new GenerateResult(set, proof)
        {
            Edges = set.Edges,
            LeftOut = [.. leftOut.Concat(set.LeftOut).OrderBy(l => l.Reason, StringComparer.Ordinal).ThenBy(l => l.Source, StringComparer.Ordinal).ThenBy(l => l.Destination, StringComparer.Ordinal)],
            Inferred = inferred,
        };
    }

    /// <summary>
    /// <c>generate --from-manifests</c>: a first set without traffic, from the Services the workloads name in their
    /// configuration and the Services exposed outside the cluster; every policy is marked inferred.
    /// </summary>
    public static GenerateResult FromManifests(Cluster cluster, IReadOnlyList<DeclaredReference> references, GenerateOptions options)
    {
        var inference = ReferenceInference.Infer(cluster, references, options.Check.ClusterDomain);
        return Generate(cluster, inference.Edges, inference.Workloads, inference.LeftOut, options, inferred: true);
    }
}
