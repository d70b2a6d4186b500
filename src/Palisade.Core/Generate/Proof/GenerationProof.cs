using Palisade.Findings;
using Palisade.Generate.Traffic;

namespace Palisade.Generate.Proof;

/// <summary>
/// What the engine says of the generated policies applied on top of the existing ones: (a) the observed edges
/// they do not allow, (b) the reachability they allow beyond what was observed, pair by pair with reasons, (c) what
/// they newly allow that the existing policies denied and nobody was seen using, and the high findings of
/// <c>lint</c> they introduce. The proof holds when (a) and (c) are empty.
/// </summary>
public sealed record GenerationProof
{
    /// <summary>Observed edges replayed (each with every distinct pair of peers seen).</summary>
    public int EdgesReplayed { get; init; }

    /// <summary>Connections behind those edges.</summary>
    public long ConnectionsReplayed { get; init; }

    /// <summary>(a) Observed edges the existing and generated policies together deny.</summary>
    public IReadOnlyList<ObservedEdge> NotAllowed { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>(b) Pairs the generated policies allow beyond the observed edges.</summary>
    public IReadOnlyList<ReachLine> Beyond { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>(c) Pairs newly allowed that the existing policies denied and that were not observed.</summary>
    public IReadOnlyList<ReachLine> NewlyAllowed { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>High and critical <c>lint</c> findings present with the generated policies and not without.</summary>
    public IReadOnlyList<Finding> HighFindingsIntroduced { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Whether every observed edge is allowed and nothing unobserved is newly allowed.</summary>
    public bool Holds => NotAllowed.Count == 0 && NewlyAllowed.Count == 0;
}
