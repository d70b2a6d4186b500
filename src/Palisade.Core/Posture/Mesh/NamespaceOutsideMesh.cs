using Palisade.Findings;
using Palisade.Model.Mesh;

namespace Palisade.Posture.Mesh;

/// <summary>A namespace with workloads none of which is in the mesh, in a cluster that runs Istio.</summary>
public sealed class NamespaceOutsideMesh : IPostureCheck
{
    private static readonly HashSet<string> SystemNamespaces = new(StringComparer.Ordinal) { "kube-system", "kube-public", "kube-node-lease" };

    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL605", "mesh-namespace-outside", "Namespace is not in the mesh", Severity.Low, "mesh",
        "Istio runs in the cluster, but no workload of this namespace has a sidecar or is enrolled in ambient mode: its traffic is not "
        + "encrypted by the mesh, and it can only reach meshed workloads where they accept plaintext.")
    {
        References = [References.NsaEncryption, References.IstioSecurityBestPractices],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        var mesh = context.Cluster.Mesh;
        if (!MeshMembership.IsPresent(context.Network, mesh))
            yield break;
        var workloads = context.Workloads().Select(p => p.Pod).Where(p => !p.HostNetwork).GroupBy(p => p.Namespace);
        foreach (var group in workloads.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (SystemNamespaces.Contains(group.Key) || group.Key == mesh.RootNamespace || group.Any(p => MeshMembership.InMesh(context.Network, mesh, p)))
                continue;
            var ns = context.Network.Namespaces[group.Key];
            yield return new Finding(Info, PostureContext.Ref(ns),
                $"namespace {ns.Name} has {group.Count()} workload(s) and none is in the mesh (no istio-injection=enabled or istio.io/rev label, no injected sidecar)",
                $"Label the namespace for injection and restart its workloads, or record why it stays outside the mesh with the {Suppression.Annotation} annotation.")
            {
                Fix = MeshFixes.InjectionLabel(ns.Name),
                FixChange = new Model.Changes.LabelNamespace(ns.Name, "istio-injection", "enabled"),
            };
        }
    }
}
