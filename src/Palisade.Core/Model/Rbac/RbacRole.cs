using Palisade.Labels;
using Palisade.Policy;

namespace Palisade.Model.Rbac;

/// <summary>A Role (namespaced) or ClusterRole (<see cref="Namespace"/> null): its rules, labels and aggregation selectors.</summary>
public sealed record RbacRole(string Kind, string? Namespace, string Name, IReadOnlyList<RbacRule> Rules)
{
    /// <summary>Rules, compared element by element.</summary>
    public IReadOnlyList<RbacRule> Rules { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Rules);

    /// <summary>The kind of a namespaced role.</summary>
    public const string RoleKind = "Role";

    /// <summary>The kind of a cluster-wide role.</summary>
    public const string ClusterRoleKind = "ClusterRole";

    /// <summary>metadata.labels, which aggregation selectors match.</summary>
    public LabelSet Labels { get; init; } = LabelSet.Empty;

    /// <summary>
    /// <c>aggregationRule.clusterRoleSelectors</c>: the ClusterRoles whose rules this one also holds; null
    /// when the role does not aggregate.
    /// </summary>
    public IReadOnlyList<LabelSelector>? AggregationSelectors { get; init => field = value is null ? null : ValueCollections.List(value); }

    /// <summary>Where the role was declared; null for the Kubernetes defaults Palisade knows without input.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>Whether it is a ClusterRole.</summary>
    public bool IsClusterRole => Namespace is null;

    /// <summary><c>Kind ns/name</c>, or <c>Kind name</c> for a ClusterRole.</summary>
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
