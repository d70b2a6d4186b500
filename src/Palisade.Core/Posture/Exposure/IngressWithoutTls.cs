using Palisade.Findings;
using Palisade.Model;

namespace Palisade.Posture.Exposure;

/// <summary>An Ingress or Route without TLS: outside clients talk to the workload in plaintext.</summary>
public sealed class IngressWithoutTls : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL304", "ingress-without-tls", "Ingress without TLS", Severity.Medium, "exposure",
        "The Ingress or Route has no TLS section, so traffic from outside the cluster, credentials included, crosses the network in plaintext.")
    {
        References = [References.NsaEncryption],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var route in context.Network.IngressRoutes)
        {
            if (route.Tls)
                continue;
            yield return new Finding(Info, new ResourceRef(route.Kind, route.Namespace, route.Name) { Location = route.Location },
                route.Kind == "VirtualService"
                    ? $"{route} serves plaintext: a gateway it is bound to ({string.Join(", ", route.Gateways)}) has a server without TLS or HTTPS redirect, or is not in the input"
                    : $"{route} serves plaintext HTTP: it has no spec.tls",
                route.Kind switch
                {
                    "Route" => "Add spec.tls with termination edge, reencrypt or passthrough, and insecureEdgeTerminationPolicy: Redirect.",
                    "VirtualService" => "Give every server of the gateway tls (mode SIMPLE with a credentialName) or tls.httpsRedirect: true.",
                    _ => "Add spec.tls with the hosts and a certificate Secret (cert-manager can issue it), and redirect HTTP to HTTPS.",
                });
        }
    }
}
