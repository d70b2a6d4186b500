using Palisade.Findings;
using Palisade.Model;
using Palisade.Model.Mesh;

namespace Palisade.Posture.Mesh;

/// <summary>
/// A DestinationRule that turns TLS off (DISABLE) or to one-way TLS (SIMPLE) for an in-cluster host, where
/// Istio would otherwise use its own mutual TLS (ISTIO_MUTUAL).
/// </summary>
public sealed class DestinationTlsWeakened : IPostureCheck
{
    private const string ClusterDomain = "cluster.local";

    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL603", "mesh-destination-tls-weakened", "DestinationRule weakens TLS to in-mesh hosts", Severity.Medium, "mesh",
        "Between sidecars Istio uses mutual TLS on its own. A DestinationRule with tls.mode DISABLE makes clients send plaintext (or fail against "
        + "STRICT servers); SIMPLE replaces mutual TLS with one-way TLS, so the server cannot authenticate the client.")
    {
        References = [References.NsaEncryption, References.IstioSecurityBestPractices],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var rule in context.Cluster.Mesh.DestinationRules)
        {
            if (!InCluster(context, rule))
                continue;
            foreach (var tls in rule.Tls.Where(t => t.Mode is DestinationTlsMode.Disable or DestinationTlsMode.Simple))
            {
                var effect = tls.Mode == DestinationTlsMode.Disable ? "plaintext" : "one-way TLS without a client identity";
                var scope = rule.ExportTo.Count == 0 || rule.ExportTo.Contains("*") ? "every namespace" : string.Join(", ", rule.ExportTo.Select(n => n == "." ? rule.Namespace : n));
                yield return new Finding(Info, new ResourceRef("DestinationRule", rule.Namespace, rule.Name) { Location = rule.Location },
                    $"tls.mode {tls.ModeName} for {tls.Scope} to in-cluster host {rule.Host}: clients in {scope} use {effect} instead of ISTIO_MUTUAL",
                    "Set tls.mode to ISTIO_MUTUAL (or remove the tls setting, so Istio's automatic mutual TLS applies).")
                {
                    Severity = tls.Mode == DestinationTlsMode.Disable ? Severity.Medium : Severity.Low,
                    Field = tls.Field,
                };
            }
        }
    }

    /// <summary>
    /// Whether the host names in-cluster services: a wildcard over them, a short name or <c>name.ns</c> of a known
    /// namespace, or a name under <c>.svc</c> or the cluster domain. Other hosts are external, where SIMPLE is
    /// ordinary TLS origination and DISABLE leaves TLS to the application.
    /// </summary>
    private static bool InCluster(PostureContext context, DestinationRule rule)
    {
        var host = rule.Host.TrimEnd('.');
        if (host is "*" or "*.local" || host.EndsWith(".svc", StringComparison.Ordinal) || host.EndsWith("." + ClusterDomain, StringComparison.Ordinal))
            return true;
        var labels = host.Split('.');
        return labels.Length == 1 || labels.Length == 2 && context.Network.Namespaces.ContainsKey(labels[1]);
    }
}
