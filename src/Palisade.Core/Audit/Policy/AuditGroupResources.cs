namespace Palisade.Audit.Policy;

/// <summary>
/// One <c>resources</c> entry of an audit rule: resources of one API group (<c>""</c> is core), optionally only
/// the named objects. An empty resource list means every resource of the group.
/// </summary>
public sealed record AuditGroupResources(string Group, IReadOnlyList<string> Resources)
{
    /// <summary>Resources, compared element by element.</summary>
    public IReadOnlyList<string> Resources { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Resources);

    /// <summary>The objects the entry is limited to; empty for every object.</summary>
    public IReadOnlyList<string> ResourceNames { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>
    /// Whether the entry covers the request's resource, as the API server's audit policy checker matches:
    /// the group must be equal (no wildcard); <c>*</c> is every resource and subresource, <c>pods/*</c> pods and
    /// all its subresources, <c>*/exec</c> that subresource of every resource.
    /// </summary>
    public bool Matches(AuditRequest request)
    {
        if (Group != request.Group)
            return false;
        if (Resources.Count == 0)
            return true;
        var resource = request.Resource ?? "";
        var combined = request.Subresource is null ? resource : $"{resource}/{request.Subresource}";
        foreach (var candidate in Resources)
        {
            if (ResourceNames.Count > 0 && (request.Name is null || !ResourceNames.Contains(request.Name)))
                continue;
            if (candidate == "*" || candidate == combined)
                return true;
            if (request.Subresource is not null && candidate.StartsWith("*/", StringComparison.Ordinal) && candidate[2..] == request.Subresource)
                return true;
            if (candidate.EndsWith("/*", StringComparison.Ordinal) && candidate[..^2] == resource)
                return true;
        }
        return false;
    }
}
