namespace Palisade.Model.Mesh;

/// <summary>
/// Istio's PeerAuthentication precedence: a port-level mode over its workload policy's mode, a workload
/// (selector) policy over the namespace's selector-less one, that over the mesh-wide one in the root
/// namespace, and PERMISSIVE when nothing decides. <c>UNSET</c> defers to the next scope. Of several policies
/// at one scope the oldest applies (by creation time, then declaration order).
/// </summary>
public static class MtlsResolver
{
    /// <summary>The mesh-wide mode.</summary>
    public static MtlsDecision MeshWide(MeshObjects mesh)
    {
        var policy = Oldest(mesh.PeerAuthentications.Where(p => p.Namespace == mesh.RootNamespace && p.Selector is null));
        return policy is { Mode: not MtlsMode.Unset }
            ? new MtlsDecision(policy.Mode, policy, "mesh-wide")
            : new MtlsDecision(MtlsMode.Permissive, null, $"no mesh-wide PeerAuthentication with a mode in {mesh.RootNamespace}");
    }

    /// <summary>The mode of a namespace's workloads that no workload policy covers.</summary>
    public static MtlsDecision Namespace(MeshObjects mesh, string ns)
    {
        if (ns == mesh.RootNamespace)
            return MeshWide(mesh);
        var policy = Oldest(mesh.PeerAuthentications.Where(p => p.Namespace == ns && p.Selector is null));
        return policy is { Mode: not MtlsMode.Unset } ? new MtlsDecision(policy.Mode, policy, "namespace-wide") : MeshWide(mesh);
    }

    /// <summary>The workload policy that applies to the pod, if any: Istio ignores one with a selector in the root namespace.</summary>
    public static PeerAuthentication? WorkloadPolicy(MeshObjects mesh, Pod pod) =>
        pod.Namespace == mesh.RootNamespace ? null : Oldest(mesh.PeerAuthentications.Where(p => p.Selects(pod)));

    /// <summary>The mode of the pod's ports that no port-level setting covers.</summary>
    public static MtlsDecision Workload(MeshObjects mesh, Pod pod) =>
        WorkloadPolicy(mesh, pod) is { Mode: not MtlsMode.Unset } policy
            ? new MtlsDecision(policy.Mode, policy, "workload")
            : Namespace(mesh, pod.Namespace);

    /// <summary>The modes of the ports the pod's workload policy sets, by port.</summary>
    public static IReadOnlyList<(int Port, MtlsDecision Decision)> Ports(MeshObjects mesh, Pod pod)
    {
        if (WorkloadPolicy(mesh, pod) is not { } policy)
            return [];
        var workload = Workload(mesh, pod);
        return policy.PortLevel.OrderBy(p => p.Key)
            .Select(p => (p.Key, p.Value == MtlsMode.Unset ? workload : new MtlsDecision(p.Value, policy, $"port {p.Key}")))
            .ToArray();
    }

    private static PeerAuthentication? Oldest(IEnumerable<PeerAuthentication> policies) =>
        policies.OrderBy(p => p.Created ?? DateTimeOffset.MaxValue).ThenBy(p => p.Order).FirstOrDefault();
}
