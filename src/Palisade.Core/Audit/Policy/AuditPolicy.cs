namespace Palisade.Audit.Policy;

/// <summary>
/// An audit policy (audit.k8s.io <c>kind: Policy</c>, the API server's <c>--audit-policy-file</c>): rules
/// evaluated in order, the first matching one deciding the level; a request no rule matches is not logged.
/// </summary>
public sealed record AuditPolicy(string Name, IReadOnlyList<AuditRule> Rules)
{
    /// <summary>Rules, compared element by element.</summary>
    public IReadOnlyList<AuditRule> Rules { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Rules);

    /// <summary>The stages no rule emits events for.</summary>
    public IReadOnlyList<AuditStage> OmitStages { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>What the policy records of the request.</summary>
    public AuditDecision Evaluate(AuditRequest request)
    {
        foreach (var rule in Rules)
        {
            if (rule.Matches(request))
                return new AuditDecision(rule, rule.Level, OmitStages.Union(rule.OmitStages).ToArray());
        }
        return new AuditDecision(null, AuditLevel.None, OmitStages);
    }
}
