namespace Palisade.Audit.Policy;

/// <summary>
/// A kind of request an audit policy should (or should not) record: representative requests of it, and the
/// audit rule that handles it as recommended.
/// </summary>
public sealed record AuditCategory(string Name, string Description, IReadOnlyList<AuditRequest> Requests, string RecommendedRule)
{
    /// <summary>Requests, compared element by element.</summary>
    public IReadOnlyList<AuditRequest> Requests { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Requests);

    /// <summary>The level each request must be logged at: Request, or RequestResponse where the resulting object is read.</summary>
    public AuditLevel Needs { get; init; } = AuditLevel.Request;
}
