namespace Palisade.Model.Rbac;

/// <summary>
/// One rule of a Role or ClusterRole: verbs on resources of API groups (optionally only the named objects),
/// or verbs on non-resource URLs. <c>*</c> is a wildcard in verbs, API groups and resources, as the RBAC
/// authoriser reads it.
/// </summary>
public sealed record RbacRule(int Index, IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources, IReadOnlyList<string> Verbs)
{
    /// <summary>ApiGroups, compared element by element.</summary>
    public IReadOnlyList<string> ApiGroups { get; init => field = ValueCollections.List(value); } = ValueCollections.List(ApiGroups);

    /// <summary>Resources, compared element by element.</summary>
    public IReadOnlyList<string> Resources { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Resources);

    /// <summary>Verbs, compared element by element.</summary>
    public IReadOnlyList<string> Verbs { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Verbs);

    /// <summary>The wildcard.</summary>
    public const string All = "*";

    /// <summary>The objects the rule is limited to; empty for every object.</summary>
    public IReadOnlyList<string> ResourceNames { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The non-resource URLs (<c>/healthz</c>, <c>/api/*</c>) of a ClusterRole rule.</summary>
    public IReadOnlyList<string> NonResourceUrls { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The rule's field path within its role.</summary>
    public string Field => $"rules[{Index}]";

    /// <summary>Whether the verbs include <c>*</c>.</summary>
    public bool HasWildcardVerb => Verbs.Contains(All);

    /// <summary>Whether the resources include <c>*</c> or <c>*/subresource</c>.</summary>
    public bool HasWildcardResource => Resources.Any(r => r == All || r.StartsWith("*/", StringComparison.Ordinal));

    /// <summary>Whether the rule grants the verb.</summary>
    public bool AllowsVerb(string verb) => Verbs.Contains(All) || Verbs.Contains(verb);

    /// <summary>
    /// Whether the rule covers the resource (<c>pods</c> or <c>pods/exec</c>) of the group, as the RBAC
    /// authoriser matches: <c>*</c> is everything, <c>*/exec</c> the subresource of every resource, and
    /// <c>pods</c> does not cover <c>pods/exec</c>.
    /// </summary>
    public bool AllowsResource(string group, string resource)
    {
        if (!ApiGroups.Contains(All) && !ApiGroups.Contains(group))
            return false;
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        var subresource = slash < 0 ? null : resource[(slash + 1)..];
        foreach (var candidate in Resources)
        {
            if (candidate == All || candidate == resource)
                return true;
            if (subresource is not null && candidate.Length == subresource.Length + 2 && candidate.StartsWith("*/", StringComparison.Ordinal) && candidate.EndsWith(subresource, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>Whether the rule grants the verb on the resource of the group.</summary>
    public bool Allows(string verb, string group, string resource) => AllowsVerb(verb) && AllowsResource(group, resource);

    /// <summary>The rule in one line: <c>[get create] on [pods/exec] in API groups [""]</c>.</summary>
    public string Describe()
    {
        var text = NonResourceUrls.Count > 0
            ? $"[{string.Join(" ", Verbs)}] on URLs [{string.Join(" ", NonResourceUrls)}]"
            : $"[{string.Join(" ", Verbs)}] on [{string.Join(" ", Resources)}] in API groups [{string.Join(" ", ApiGroups.Select(g => g.Length == 0 ? "\"\"" : g))}]";
        return ResourceNames.Count > 0 ? $"{text} named [{string.Join(" ", ResourceNames)}]" : text;
    }
}
