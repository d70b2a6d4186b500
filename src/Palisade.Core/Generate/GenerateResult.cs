using Palisade.Flows;
using Palisade.Generate.Proof;
using Palisade.Generate.Traffic;

namespace Palisade.Generate;

/// <summary>The outcome of <c>generate</c>: the policies, their proof, the traffic they come from and what was left out.</summary>
public sealed record GenerateResult(GeneratedSet Set, GenerationProof Proof)
{
    /// <summary>The traffic turned into rules.</summary>
    public IReadOnlyList<ObservedEdge> Edges { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Traffic seen but not turned into rules, with the reason.</summary>
    public IReadOnlyList<LeftOut> LeftOut { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The alerts of the detectors whose flows are left out.</summary>
    public IReadOnlyList<FlowAlert> Alerts { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>What the reading saw; empty for <c>--from-manifests</c>.</summary>
    public TrafficSummary Traffic { get; init; } = new();

    /// <summary>Whether the policies were inferred from manifests rather than observed traffic.</summary>
    public bool Inferred { get; init; }
}
