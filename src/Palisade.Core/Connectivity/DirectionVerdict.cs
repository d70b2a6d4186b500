using Palisade.Policy;
using Palisade.Net;

namespace Palisade.Connectivity;

/// <summary>
/// What one side allows, tier by tier: the admin-tier decisions (Allow, Deny, Pass, in priority and rule
/// order), whether NetworkPolicies isolate it and which of their rules admit the connection, and the
/// baseline-tier decisions. <see cref="Allowed"/> is derived from these records, so an explanation can
/// never disagree with the verdict.
/// </summary>
public sealed record DirectionVerdict(
    PolicyDirection Direction,
    bool Isolated,
    IReadOnlyList<NetworkPolicy> SelectingPolicies,
    IReadOnlyList<RuleMatch> Matches)
{
    /// <summary>SelectingPolicies, compared element by element.</summary>
    public IReadOnlyList<NetworkPolicy> SelectingPolicies { get; init => field = ValueCollections.List(value); } = ValueCollections.List(SelectingPolicies);

    /// <summary>Matches, compared element by element.</summary>
    public IReadOnlyList<RuleMatch> Matches { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Matches);

    /// <summary>Governed by nothing: everything is allowed on this side.</summary>
    public static DirectionVerdict Open(PolicyDirection direction) => new(direction, false, [], []);

    /// <summary>The admin-tier policies that select the subject, in evaluation order.</summary>
    public IReadOnlyList<AdminNetworkPolicy> AdminPolicies { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The admin-tier rules that decided part of the connection, in order.</summary>
    public IReadOnlyList<AdminDecision> AdminDecisions { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The baseline-tier policies that select the subject, in evaluation order.</summary>
    public IReadOnlyList<AdminNetworkPolicy> BaselinePolicies { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The baseline-tier rules that decided part of what reached that tier, in order.</summary>
    public IReadOnlyList<AdminDecision> BaselineDecisions { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Whether no policy of any tier has a say on this side.</summary>
    public bool IsOpen => !Isolated && AdminPolicies.Count == 0 && BaselinePolicies.Count == 0;

    /// <summary>What the admin tier left to the lower tiers: everything it neither allowed nor denied.</summary>
    public ConnectionSet PassedByAdmin => ConnectionSet.All.Except(Union(AdminDecisions, a => a != AdminAction.Pass));

    /// <summary>
    /// The allowed connections: what the admin tier allows; of what it passes on, what the NetworkPolicies
    /// admit when they isolate the subject, else what the baseline tier does not deny.
    /// </summary>
    public ConnectionSet Allowed
    {
        get
        {
            var allowed = Union(AdminDecisions, a => a == AdminAction.Allow);
            var rest = PassedByAdmin;
            if (Isolated)
            {
                var admitted = ConnectionSet.None;
                foreach (var match in Matches)
                    admitted = admitted.Union(match.Connections);
                return allowed.Union(rest.Intersect(admitted));
            }
            var denied = Union(BaselineDecisions, a => a == AdminAction.Deny);
            return allowed.Union(rest.Except(denied));
        }
    }

    private static ConnectionSet Union(IReadOnlyList<AdminDecision> decisions, Func<AdminAction, bool> which)
    {
        var union = ConnectionSet.None;
        foreach (var decision in decisions)
        {
            if (which(decision.Action))
                union = union.Union(decision.Connections);
        }
        return union;
    }
}
