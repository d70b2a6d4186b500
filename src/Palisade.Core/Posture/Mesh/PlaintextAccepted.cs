using Palisade.Findings;
using Palisade.Model;
using Palisade.Model.Mesh;

namespace Palisade.Posture.Mesh;

/// <summary>
/// Meshed workloads whose effective mTLS mode (after Istio's precedence) is PERMISSIVE or DISABLE: per namespace
/// for the workloads that fall back to its default, per workload where its own policy accepts plaintext the
/// namespace's default does not (or no namespace finding covers it).
/// </summary>
public sealed class PlaintextAccepted : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL602", "mesh-plaintext-accepted", "Meshed workloads accept plaintext", Severity.Medium, "mesh",
        "A sidecar in PERMISSIVE mode accepts plaintext as well as mutual TLS, and in DISABLE mode plaintext only: traffic to the workload "
        + "can be read and forged on the network, and its AuthorizationPolicies cannot rely on peer identities.")
    {
        References = [References.NsaEncryption, References.IstioSecurityBestPractices, References.IstioMtlsMigration],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        var mesh = context.Cluster.Mesh;
        var meshed = context.Workloads().Select(p => p.Pod).Where(p => MeshMembership.InMesh(context.Network, mesh, p)).ToArray();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in meshed.GroupBy(p => p.Namespace).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var decision = MtlsResolver.Namespace(mesh, group.Key);
            var fallBack = group.Count(p => MtlsResolver.Workload(mesh, p) == decision);
            if (!decision.AcceptsPlaintext || fallBack == 0)
                continue;
            reported.Add(group.Key);
            var ns = context.Network.Namespaces[group.Key];
            var own = decision.DecidedBy?.Namespace == group.Key ? decision.DecidedBy : null;
            yield return new Finding(Info, PostureContext.Ref(ns),
                $"namespace {ns.Name} accepts plaintext: mTLS is {decision.Describe()} for its {fallBack} meshed workload(s) without a policy of their own",
                $"Once the namespace's clients are in the mesh, set a STRICT namespace-wide PeerAuthentication in {ns.Name} (or make the mesh-wide policy STRICT).")
            {
                Severity = decision.Mode == MtlsMode.Disable ? Severity.High : Info.Severity,
                Field = decision.DecidedBy is null ? null : ModeField,
                Location = decision.DecidedBy is { } decider ? Locate(context, decider, ModeField) : null,
                Fix = MeshFixes.StrictPeerAuthentication(ns.Name, own?.Name ?? "default"),
                FixChange = MeshFixes.Strict(ns.Name, own?.Name ?? "default"),
            };
        }
        foreach (var pod in meshed)
        {
            if (MtlsResolver.WorkloadPolicy(mesh, pod) is not { } policy)
                continue;
            var ns = MtlsResolver.Namespace(mesh, pod.Namespace);
            var covered = reported.Contains(pod.Namespace);
            var weak = new List<string>();
            var disabled = false;
            string? field = null;
            void Consider(MtlsDecision own, string scope, string modeField)
            {
                if (own.DecidedBy != policy || !own.AcceptsPlaintext || (covered && Rank(own.Mode) >= Rank(ns.Mode)))
                    return;
                weak.Add($"{own.ModeName} on {scope}");
                disabled |= own.Mode == MtlsMode.Disable;
                field ??= modeField;
            }
            var ports = MtlsResolver.Ports(mesh, pod);
            Consider(MtlsResolver.Workload(mesh, pod), ports.Count == 0 ? "all ports" : "the ports not set by port", ModeField);
            foreach (var (port, decision) in ports)
                Consider(decision, $"port {port}", $"spec.portLevelMtls.{port}.mode");
            if (weak.Count == 0)
                continue;
            yield return new Finding(Info, PostureContext.Ref(pod),
                $"workload accepts plaintext: {policy} sets {string.Join(", ", weak)}, where the namespace's mode is {ns.Describe()}",
                $"Make {policy} STRICT, or keep plaintext only on the ports that need it (for example a metrics port scraped from outside the mesh).")
            {
                Severity = disabled ? Severity.High : Info.Severity,
                Field = field,
                Location = Locate(context, policy, field!),
                Fix = MeshFixes.StrictPeerAuthentication(policy.Namespace, policy.Name, policy.Selector),
                FixChange = MeshFixes.Strict(policy.Namespace, policy.Name, policy.Selector),
            };
        }
    }

    // The findings are on the namespace or the workload, but the mode that accepts plaintext is written in a policy.
    private const string ModeField = "spec.mtls.mode";

    /// <summary>Where the policy sets the field, else where it is declared.</summary>
    private static SourceLocation? Locate(PostureContext context, PeerAuthentication policy, string field) =>
        context.Cluster.Objects.Find(new ObjectKey("PeerAuthentication", policy.Namespace, policy.Name))?.Locate(field) ?? policy.Location;

    private static int Rank(MtlsMode mode) => mode switch
    {
        MtlsMode.Disable => 0,
        MtlsMode.Permissive => 1,
        _ => 2,
    };
}
