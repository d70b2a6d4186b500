namespace Palisade.Audit.Policy;

/// <summary>
/// A request as an audit policy sees it: who (user and groups), the verb, and either a resource (group,
/// resource, subresource, namespace, name; namespace null for cluster-scoped resources) or a non-resource path.
/// </summary>
public sealed record AuditRequest(string User, IReadOnlyList<string> Groups, string Verb)
{
    /// <summary>Groups, compared element by element.</summary>
    public IReadOnlyList<string> Groups { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Groups);

    /// <summary>The API group; <c>""</c> is core.</summary>
    public string Group { get; init; } = "";

    /// <summary>The resource (<c>pods</c>); null for a non-resource request.</summary>
    public string? Resource { get; init; }

    /// <summary>The subresource (<c>exec</c>), if any.</summary>
    public string? Subresource { get; init; }

    /// <summary>The namespace; null for cluster-scoped resources.</summary>
    public string? Namespace { get; init; }

    /// <summary>The object's name, when the request names one.</summary>
    public string? Name { get; init; }

    /// <summary>The path of a non-resource request (<c>/healthz</c>).</summary>
    public string? Path { get; init; }

    /// <summary>Whether it is a request for a resource rather than a non-resource URL.</summary>
    public bool IsResourceRequest => Resource is not null;

    /// <summary>A request for a resource.</summary>
    public static AuditRequest ForResource(string user, IReadOnlyList<string> groups, string verb, string group, string resource, string? ns)
    {
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        return new AuditRequest(user, groups, verb)
        {
            Group = group,
            Resource = slash < 0 ? resource : resource[..slash],
            Subresource = slash < 0 ? null : resource[(slash + 1)..],
            Namespace = ns,
        };
    }

    /// <summary>In words: <c>create networkpolicies.networking.k8s.io in namespace app by user jane</c>.</summary>
    public string Describe()
    {
        var what = IsResourceRequest
            ? $"{Verb} {Resource}{(Subresource is null ? "" : "/" + Subresource)}{(Group.Length == 0 ? "" : "." + Group)}{(Namespace is null ? "" : " in namespace " + Namespace)}"
            : $"{Verb} {Path}";
        return $"{what} by {User}";
    }
}
