using Palisade.Audit.Policy;
using Palisade.Model.Mesh;
using Palisade.Model.Rbac;

namespace Palisade.Posture;

/// <summary>
/// What the posture checks read besides the network model: every object's metadata, and the objects that
/// only posture cares about (RBAC, service mesh, audit policy). Immutable.
/// </summary>
public sealed record PostureInput
{
    /// <summary>No objects beyond the network model.</summary>
    public static readonly PostureInput Empty = new();

    /// <summary>Every object read, with its annotations and field locations.</summary>
    public IReadOnlyList<ResourceMeta> Resources { get; init; } = [];

    /// <summary>Objects declared more than once (read leniently; the later declaration was kept).</summary>
    public IReadOnlyList<DuplicateObject> Duplicates { get; init; } = [];

    /// <summary>The Istio service-mesh objects and sidecar facts.</summary>
    public MeshInput Mesh { get; init; } = MeshInput.Empty;

    /// <summary>Roles and ClusterRoles.</summary>
    public IReadOnlyList<RbacRole> Roles { get; init; } = [];

    /// <summary>RoleBindings and ClusterRoleBindings.</summary>
    public IReadOnlyList<RbacBinding> Bindings { get; init; } = [];

    /// <summary>ServiceAccounts.</summary>
    public IReadOnlyList<ServiceAccount> ServiceAccounts { get; init; } = [];

    /// <summary>Audit policies (audit.k8s.io <c>kind: Policy</c>) given among the inputs.</summary>
    public IReadOnlyList<AuditPolicy> AuditPolicies { get; init; } = [];
}
