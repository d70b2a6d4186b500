using Palisade.Findings;
using Palisade.Model;

namespace Palisade.Posture.Exposure;

/// <summary>An Ingress, Route, or route through a gateway without TLS: outside clients talk to the workload in plaintext.</summary>
public sealed class IngressWithoutTls : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL304", "ingress-without-tls", "Ingress without TLS", Severity.Medium, "exposure",
        "The Ingress or Route has no TLS section, or the gateway listener a VirtualService or Gateway API route is bound to serves plain HTTP or TCP, so traffic from outside the cluster, credentials included, crosses the network in plaintext.")
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
            {
                if (route.PlainHttp is { } plain)
                    yield return PlainHttpAsWell(route, plain);
                else if (route.PlaintextHosts.Count > 0)
                    yield return PartialTls(route);
                continue;
            }
            yield return new Finding(Info, new ResourceRef(route.Kind, route.Namespace, route.Name) { Location = route.Location },
                route.Kind switch
                {
                    "VirtualService" => $"{route} serves plaintext: a gateway it is bound to ({string.Join(", ", route.Gateways)}) has a server without TLS or HTTPS redirect, or is not in the input",
                    _ when route.ThroughGateway => $"{route} serves plaintext: a Gateway listener it is attached to ({string.Join(", ", route.Gateways)}) has protocol HTTP or TCP, or the Gateway is not in the input",
                    _ => $"{route} serves plaintext HTTP: it has no spec.tls",
                },
                route.Kind switch
                {
                    "Route" => "Add spec.tls with termination edge, reencrypt or passthrough, and insecureEdgeTerminationPolicy: Redirect.",
                    "VirtualService" => "Give every server of the gateway tls (mode SIMPLE with a credentialName) or tls.httpsRedirect: true.",
                    _ when route.ThroughGateway => "Attach the route to an HTTPS or TLS listener only (sectionName), and answer the HTTP listener with an HTTPRoute whose RequestRedirect filter sends clients to https.",
                    _ => "Add spec.tls with the hosts and a certificate Secret (cert-manager can issue it), and redirect HTTP to HTTPS.",
                })
            {
                Field = route.Kind switch
                {
                    "VirtualService" => "spec.gateways",
                    _ when route.ThroughGateway => "spec.parentRefs",
                    _ => null,
                },
            };
        }
    }

    private Finding PlainHttpAsWell(IngressRoute route, PlainHttpServed plain) =>
        new(Info, new ResourceRef(route.Kind, route.Namespace, route.Name) { Location = route.Location },
            $"{route} serves plaintext HTTP as well: {plain.Reason}", plain.Fix)
        {
            Field = plain.Field,
        };

    private Finding PartialTls(IngressRoute route)
    {
        var hosts = route.PlaintextHosts.Select(h => h.Host.Length == 0 ? "any host (its rule without host)" : h.Host).ToArray();
        var (rule, host) = route.PlaintextHosts[0];
        return new Finding(Info, new ResourceRef(route.Kind, route.Namespace, route.Name) { Location = route.Location },
            $"{route} serves {string.Join(", ", hosts)} in plaintext HTTP: its spec.tls does not list {(hosts.Length == 1 ? "it" : "them")}",
            "Add the hosts to spec.tls with a certificate that covers them (or a tls entry without hosts for the controller's default certificate), or move their rules to an Ingress that has TLS.")
        {
            Field = host.Length == 0 ? $"spec.rules[{rule}]" : $"spec.rules[{rule}].host",
        };
    }

}
