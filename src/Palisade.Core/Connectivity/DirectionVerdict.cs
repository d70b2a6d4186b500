using Palisade.Policy;

namespace Palisade.Connectivity;

/// <summary>
/// What one side allows: whether it is isolated in the direction, by which policies, and the rules that
/// admit the connection. <see cref="Allowed"/> is derived from those rules, so an explanation can never
/// disagree with the verdict.
/// </summary>
public sealed record DirectionVerdict(
    PolicyDirection Direction,
    bool Isolated,
    IReadOnlyList<NetworkPolicy> SelectingPolicies,
    IReadOnlyList<RuleMatch> Matches)
{
    /// <summary>Not isolated: everything is allowed on this side.</summary>
    public static DirectionVerdict Open(PolicyDirection direction) => new(direction, false, [], []);

    /// <summary>The allowed connections: everything when not isolated, else the union of the matching rules.</summary>
    public ConnectionSet Allowed
    {
        get
        {
            if (!Isolated)
                return ConnectionSet.All;
            var allowed = ConnectionSet.None;
            foreach (var match in Matches)
                allowed = allowed.Union(match.Connections);
            return allowed;
        }
    }
}
