namespace Palisade.Model.Rbac;

/// <summary>Who a binding grants its role to: a User, a Group, or a ServiceAccount (with its namespace).</summary>
public sealed record RbacSubject(string Kind, string Name, string? Namespace = null)
{
    /// <summary>The kind of a user subject.</summary>
    public const string UserKind = "User";

    /// <summary>The kind of a group subject.</summary>
    public const string GroupKind = "Group";

    /// <summary>The kind of a service account subject.</summary>
    public const string ServiceAccountKind = "ServiceAccount";

    /// <summary>A user.</summary>
    public static RbacSubject User(string name) => new(UserKind, name);

    /// <summary>A group.</summary>
    public static RbacSubject Group(string name) => new(GroupKind, name);

    /// <summary>A service account.</summary>
    public static RbacSubject ServiceAccount(string ns, string name) => new(ServiceAccountKind, name, ns);

    /// <summary><c>User name</c>, <c>Group name</c> or <c>ServiceAccount ns/name</c>.</summary>
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
