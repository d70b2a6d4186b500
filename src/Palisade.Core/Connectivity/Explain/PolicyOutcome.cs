using Palisade.Policy;

namespace Palisade.Connectivity.Explain;

/// <summary>A policy that selects the subject in the direction, and what each of its rules does.</summary>
public sealed record PolicyOutcome(NetworkPolicy Policy, IReadOnlyList<RuleOutcome> Rules)
{
    /// <summary>Rules, compared element by element.</summary>
    public IReadOnlyList<RuleOutcome> Rules { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Rules);

    /// <summary>Whether one of its rules admits the connection.</summary>
    public bool Admits => Rules.Any(r => r.Admits);
}
