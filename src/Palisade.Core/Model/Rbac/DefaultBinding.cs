namespace Palisade.Model.Rbac;

/// <summary>A binding every kubeadm cluster ships: its identity, its role, and the subjects it grants to by default.</summary>
public sealed record DefaultBinding(string Kind, string? Namespace, string Name, RoleRef RoleRef, IReadOnlyList<RbacSubject> Subjects)
{
    /// <summary>Subjects, compared element by element.</summary>
    public IReadOnlyList<RbacSubject> Subjects { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Subjects);

    /// <summary>
    /// Whether the binding is this default: same kind, namespace, name and role, and no subject beyond the
    /// default ones (the API server re-adds default subjects at start but keeps any added).
    /// </summary>
    public bool Matches(RbacBinding binding) =>
        binding.Kind == Kind && binding.Namespace == Namespace && binding.Name == Name && binding.RoleRef == RoleRef
        && binding.Subjects.All(Subjects.Contains);
}
