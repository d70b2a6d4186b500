namespace Palisade.Model.Rbac;

/// <summary>A RoleBinding (namespaced) or ClusterRoleBinding (<see cref="Namespace"/> null): a role granted to subjects.</summary>
public sealed record RbacBinding(string Kind, string? Namespace, string Name, RoleRef RoleRef, IReadOnlyList<RbacSubject> Subjects)
{
    /// <summary>Subjects, compared element by element.</summary>
    public IReadOnlyList<RbacSubject> Subjects { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Subjects);

    /// <summary>The kind of a namespaced binding.</summary>
    public const string RoleBindingKind = "RoleBinding";

    /// <summary>The kind of a cluster-wide binding.</summary>
    public const string ClusterRoleBindingKind = "ClusterRoleBinding";

    /// <summary>Where the binding was declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>Whether it is a ClusterRoleBinding, which grants in every namespace and on cluster-scoped resources.</summary>
    public bool IsClusterWide => Namespace is null;

    /// <summary><c>Kind ns/name</c>, or <c>Kind name</c> for a ClusterRoleBinding.</summary>
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
