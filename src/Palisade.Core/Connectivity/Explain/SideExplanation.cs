using Palisade.Policy;

namespace Palisade.Connectivity.Explain;

/// <summary>
/// One side of a pair: the source's egress or the destination's ingress. Either open (with the reason),
/// or governed tier by tier: the verdict's admin and baseline decisions, and the NetworkPolicies that
/// isolate it with the outcome of each of their rules.
/// </summary>
public sealed record SideExplanation(PolicyDirection Direction, Endpoint Subject, string? OpenReason, IReadOnlyList<PolicyOutcome> Policies, bool Allows)
{
    /// <summary>Policies, compared element by element.</summary>
    public IReadOnlyList<PolicyOutcome> Policies { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Policies);

    /// <summary>The verdict of this side, with its admin and baseline tiers.</summary>
    public DirectionVerdict? Verdict { get; init; }

    /// <summary>Whether no policy isolates this side.</summary>
    public bool IsOpen => OpenReason is not null;
}
