using Palisade.Generate.Traffic;
using Palisade.Model;

namespace Palisade.Generate;

/// <summary>What the policy builder made: the policies in output order, the traffic it used and could not use, the cluster's DNS workloads and warnings.</summary>
public sealed record GeneratedSet(IReadOnlyList<GeneratedPolicy> Policies, IReadOnlyList<LeftOut> LeftOut)
{
    /// <summary>The policies by namespace and name, compared element by element.</summary>
    public IReadOnlyList<GeneratedPolicy> Policies { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Policies);

    /// <summary>Traffic not turned into rules (its workload is gone), compared element by element.</summary>
    public IReadOnlyList<LeftOut> LeftOut { get; init => field = ValueCollections.List(value); } = ValueCollections.List(LeftOut);

    /// <summary>The traffic the rules were built from (the edges given, less those whose workload is gone).</summary>
    public IReadOnlyList<ObservedEdge> Edges { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Existing policies the generated ones replace (earlier generations: the same names).</summary>
    public IReadOnlyList<Palisade.Policy.NetworkPolicy> Replaced { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The workloads DNS rules select.</summary>
    public IReadOnlyList<WorkloadRef> DnsServers { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>What the user should know (no DNS pods found).</summary>
    public IReadOnlyList<string> Warnings { get; init => field = ValueCollections.List(value); } = [];
}
