using Palisade.Findings;
using Palisade.Model;
using Palisade.Model.Mesh;

namespace Palisade.Posture.Mesh;

/// <summary>Istio's mesh-wide mTLS mode is not STRICT, so by default every workload in the mesh accepts plaintext.</summary>
public sealed class MeshMtlsNotStrict : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL601", "mesh-mtls-not-strict", "Mesh-wide mTLS is not STRICT", Severity.Medium, "mesh",
        "Without a STRICT PeerAuthentication in Istio's root namespace the mesh-wide default is PERMISSIVE: sidecars accept plaintext, "
        + "so any pod outside the mesh can reach meshed workloads unauthenticated and unencrypted. DISABLE turns mTLS off altogether.")
    {
        References = [References.NsaEncryption, References.IstioSecurityBestPractices, References.IstioMtlsMigration],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        var mesh = context.Cluster.Mesh;
        if (!MeshMembership.IsPresent(context.Network, mesh))
            yield break;
        var decision = MtlsResolver.MeshWide(mesh);
        if (decision.Mode == MtlsMode.Strict)
            yield break;
        var resource = decision.DecidedBy is { } policy
            ? new ResourceRef("PeerAuthentication", policy.Namespace, policy.Name) { Location = policy.Location }
            : context.Network.Namespaces.TryGetValue(mesh.RootNamespace, out var root)
                ? PostureContext.Ref(root)
                : new ResourceRef("Namespace", null, mesh.RootNamespace);
        yield return new Finding(Info, resource,
            $"mesh-wide mTLS is {decision.Describe()}: workloads without a stricter policy accept plaintext",
            $"Once every client is in the mesh (or PERMISSIVE namespaces are covered by their own policies), set a STRICT PeerAuthentication in {mesh.RootNamespace}.")
        {
            Severity = decision.Mode == MtlsMode.Disable ? Severity.High : Info.Severity,
            Field = decision.DecidedBy is null ? null : "spec.mtls",
            Fix = MeshFixes.StrictPeerAuthentication(mesh.RootNamespace, decision.DecidedBy?.Name ?? "default"),
            FixChange = MeshFixes.Strict(mesh.RootNamespace, decision.DecidedBy?.Name ?? "default"),
        };
    }
}
