using Palisade.Generate.Traffic;
using Palisade.Model;

namespace Palisade.Generate.Inference;

/// <summary>What the manifests declare: the edges to allow, every workload to generate for, and references that name nothing allowable.</summary>
public sealed record InferredTraffic(IReadOnlyList<ObservedEdge> Edges, IReadOnlyList<WorkloadRef> Workloads, IReadOnlyList<LeftOut> LeftOut)
{
    /// <summary>The edges, compared element by element.</summary>
    public IReadOnlyList<ObservedEdge> Edges { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Edges);

    /// <summary>The workloads, compared element by element.</summary>
    public IReadOnlyList<WorkloadRef> Workloads { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Workloads);

    /// <summary>The references left out, compared element by element.</summary>
    public IReadOnlyList<LeftOut> LeftOut { get; init => field = ValueCollections.List(value); } = ValueCollections.List(LeftOut);
}
