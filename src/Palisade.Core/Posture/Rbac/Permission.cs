namespace Palisade.Posture.Rbac;

/// <summary>Verbs on a resource (<c>pods/exec</c>) of an API group that a check looks for; cluster-scoped ones no RoleBinding can grant.</summary>
internal sealed record Permission(string Group, string Resource, bool ClusterScoped, IReadOnlyList<string> Verbs)
{
    /// <summary><c>networkpolicies.networking.k8s.io</c>, or the bare resource for the core group.</summary>
    public string Display => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}
