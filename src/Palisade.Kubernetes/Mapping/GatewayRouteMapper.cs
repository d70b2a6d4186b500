using Palisade.Kubernetes.Crds;
using Palisade.Model;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// Gateway API routes: one attached to a Gateway is a way in from outside, like an Ingress, to the Services its rules
/// send to. One attached only to Services (mesh routing) or without a backend (a redirect) is not exposure and
/// yields no gateway, so the cluster drops it. Gateways are named <c>ns/name</c>, with <c>/listener</c> when the
/// parent reference picks one (its TLS is that listener's).
/// </summary>
internal static class GatewayRouteMapper
{
    public const string Group = "gateway.networking.k8s.io";

    public static IngressRoute Map(GatewayRouteObject route, MappingContext context)
    {
        var ns = context.Key.Namespace!;
        var gateways = (route.Spec?.ParentRefs ?? [])
            .Where(p => (p.Group ?? Group) == Group && (p.Kind ?? "Gateway") == "Gateway" && !string.IsNullOrEmpty(p.Name))
            .Select(p => $"{p.Namespace ?? ns}/{p.Name}" + (string.IsNullOrEmpty(p.SectionName) ? "" : $"/{p.SectionName}"))
            .Distinct()
            .ToArray();
        var backends = (route.Spec?.Rules ?? []).SelectMany((r, i) => (r.BackendRefs ?? []).Select((b, j) => Checked(b, $"spec.rules[{i}].backendRefs[{j}].port", context)))
            .Where(b => string.IsNullOrEmpty(b.Group) && (b.Kind ?? "Service") == "Service" && !string.IsNullOrEmpty(b.Name))
            .Select(b => new ServiceBackend(b.Name!, null, b.Port) { Namespace = b.Namespace })
            .Distinct()
            .ToArray();
        var exposed = gateways.Length > 0 && backends.Length > 0;
        return new IngressRoute(context.Kind, ns, context.Key.Name, exposed ? backends : [])
        {
            Location = context.Locations.Object,
            Gateways = exposed ? gateways : [],
            ThroughGateway = true,
        };
    }

    /// <summary>The backend reference, refused when its port is one the Gateway API's schema does not allow.</summary>
    private static GatewayObjectReference Checked(GatewayObjectReference backend, string field, MappingContext context) =>
        backend.Port is < 1 or > 65535
            ? throw new InvalidInputException(context.Locations.Of(field), $"{context.Kind} {context.Key.Namespace}/{context.Key.Name}", field, $"port {backend.Port} is outside 1-65535")
            : backend;
}
