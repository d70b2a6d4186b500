namespace Palisade.Model.Rbac;

/// <summary>The role a binding grants: a Role of the binding's namespace or a ClusterRole, by name.</summary>
public sealed record RoleRef(string Kind, string Name)
{
    /// <summary>Whether it names a ClusterRole.</summary>
    public bool IsClusterRole => Kind == RbacRole.ClusterRoleKind;

    /// <summary><c>Kind name</c>.</summary>
    public override string ToString() => $"{Kind} {Name}";
}
