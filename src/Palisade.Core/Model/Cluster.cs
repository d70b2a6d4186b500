using Palisade.Audit.Policy;
using Palisade.Model.Mesh;
using Palisade.Model.Rbac;

namespace Palisade.Model;

/// <summary>
/// One cluster as Palisade knows it: the network snapshot the engines analyse, RBAC, the service mesh, audit
/// policies, and the metadata of every object read (by <see cref="ObjectKey"/>). Immutable.
/// </summary>
public sealed class Cluster
{
    /// <summary>A cluster holding only a network snapshot.</summary>
    public Cluster(NetworkSnapshot network) => Network = network;

    /// <summary>A copy with another network snapshot, RBAC bindings, mesh objects, unread inputs or object index (what a change makes).</summary>
    public Cluster With(NetworkSnapshot? network = null, IReadOnlyList<RbacBinding>? bindings = null, MeshObjects? mesh = null, IReadOnlyList<UnreadInput>? unread = null,
        ObjectIndex? objects = null) =>
        new(network ?? Network)
        {
            Roles = Roles,
            Bindings = bindings ?? Bindings,
            ServiceAccounts = ServiceAccounts,
            Mesh = mesh ?? Mesh,
            AuditPolicies = AuditPolicies,
            Objects = objects ?? Objects,
            Duplicates = Duplicates,
            Unread = unread ?? Unread,
            Templates = Templates,
            Predecessors = Predecessors,
        };

    /// <summary>Namespaces, pods, Services, ingress routes and policies.</summary>
    public NetworkSnapshot Network { get; }

    /// <summary>Roles and ClusterRoles.</summary>
    public IReadOnlyList<RbacRole> Roles { get; init; } = [];

    /// <summary>RoleBindings and ClusterRoleBindings.</summary>
    public IReadOnlyList<RbacBinding> Bindings { get; init; } = [];

    /// <summary>ServiceAccounts.</summary>
    public IReadOnlyList<ServiceAccount> ServiceAccounts { get; init; } = [];

    /// <summary>The Istio service-mesh objects and sidecar facts.</summary>
    public MeshObjects Mesh { get; init; } = MeshObjects.Empty;

    /// <summary>Audit policies (audit.k8s.io <c>kind: Policy</c>) given among the inputs.</summary>
    public IReadOnlyList<AuditPolicy> AuditPolicies { get; init; } = [];

    /// <summary>Every object read, with its location and annotations.</summary>
    public ObjectIndex Objects { get; init; } = ObjectIndex.Empty;

    /// <summary>Inputs a lenient read skipped: what the cluster may lack.</summary>
    public IReadOnlyList<UnreadInput> Unread { get; init; } = [];

    /// <summary>
    /// The pod templates of workloads that have real pods (which stand for them in <see cref="Network"/>), each as the
    /// pod it would create, owned by its workload: what a pod the workload creates later looks like in this state.
    /// </summary>
    public IReadOnlyList<Pod> Templates { get; init; } = [];

    /// <summary>Objects declared more than once (read leniently; the later declaration was kept).</summary>
    public IReadOnlyList<DuplicateObject> Duplicates { get; init; } = [];

    /// <summary>
    /// Earlier declarations of pods created again under their names at other addresses (dumps taken apart), each deleted
    /// at the later one's creation at the latest: who held their addresses before.
    /// </summary>
    public IReadOnlyList<Pod> Predecessors { get; init; } = [];
}
