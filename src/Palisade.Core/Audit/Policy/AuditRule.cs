namespace Palisade.Audit.Policy;

/// <summary>
/// One rule of an audit policy: the level for the requests it matches. Every non-empty selector must match
/// (users, groups, verbs, then either resources and namespaces, or non-resource URLs); an empty one matches all.
/// </summary>
public sealed record AuditRule(int Index, AuditLevel Level)
{
    /// <summary>User names; empty for every user.</summary>
    public IReadOnlyList<string> Users { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Groups, of which the user must be in one; empty for every group.</summary>
    public IReadOnlyList<string> UserGroups { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Verbs (no wildcard); empty for every verb.</summary>
    public IReadOnlyList<string> Verbs { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Resources by group; empty for every resource.</summary>
    public IReadOnlyList<AuditGroupResources> Resources { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Namespaces; <c>""</c> matches cluster-scoped resources; empty for every namespace.</summary>
    public IReadOnlyList<string> Namespaces { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Non-resource URL patterns (<c>/healthz*</c>); empty for every URL.</summary>
    public IReadOnlyList<string> NonResourceUrls { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The stages this rule emits no event for (besides the policy's own).</summary>
    public IReadOnlyList<AuditStage> OmitStages { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The rule's field path within its policy.</summary>
    public string Field => $"rules[{Index}]";

    /// <summary>Whether the rule matches the request, following the API server's audit policy checker.</summary>
    public bool Matches(AuditRequest request)
    {
        if (Users.Count > 0 && !Users.Contains(request.User))
            return false;
        if (UserGroups.Count > 0 && !request.Groups.Any(UserGroups.Contains))
            return false;
        if (Verbs.Count > 0 && !Verbs.Contains(request.Verb))
            return false;
        if (Namespaces.Count > 0 || Resources.Count > 0)
        {
            if (!request.IsResourceRequest)
                return false;
            if (Namespaces.Count > 0 && !Namespaces.Contains(request.Namespace ?? ""))
                return false;
            return Resources.Count == 0 || Resources.Any(r => r.Matches(request));
        }
        if (NonResourceUrls.Count > 0)
            return !request.IsResourceRequest && NonResourceUrls.Any(u => PathMatches(request.Path ?? "", u));
        return true;
    }

    private static bool PathMatches(string path, string pattern) =>
        pattern == "*" || pattern == path
        || pattern.EndsWith('*') && path.StartsWith(pattern.TrimEnd('*'), StringComparison.Ordinal);
}
