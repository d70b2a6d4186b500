using Palisade.Policy;

namespace Palisade.Connectivity.Explain;

/// <summary>
/// One side of a pair: the source's egress or the destination's ingress. Either open (with the reason)
/// or isolated by the listed policies, whose rule outcomes say what they admit.
/// </summary>
public sealed record SideExplanation(PolicyDirection Direction, Endpoint Subject, string? OpenReason, IReadOnlyList<PolicyOutcome> Policies, bool Allows)
{
    /// <summary>Whether no policy isolates this side.</summary>
    public bool IsOpen => OpenReason is not null;
}
