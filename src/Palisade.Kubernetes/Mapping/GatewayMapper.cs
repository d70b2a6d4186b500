using Palisade.Kubernetes.Crds;
using Palisade.Model;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// Istio Gateways and the VirtualServices bound to them: a VirtualService bound to a gateway (any name but
/// <c>mesh</c>) is a way in from outside, like an Ingress, to the Services its routes name; one bound to the mesh
/// only is not exposure and yields no route.
/// </summary>
internal static class GatewayMapper
{
    private const string Mesh = "mesh";

    public static IngressGateway Map(GatewayObject gateway, MappingContext context)
    {
        if (gateway.ApiVersion?.StartsWith(GatewayRouteMapper.Group + "/", StringComparison.Ordinal) == true)
            return MapGatewayApi(gateway, context);
        var servers = gateway.Spec?.Servers ?? [];
        var tlsOnly = servers.Count > 0 && servers.All(s => !string.IsNullOrEmpty(s.Tls?.Mode) || s.Tls?.HttpsRedirect == true);
        return new IngressGateway(context.Key.Namespace!, context.Key.Name, tlsOnly) { Location = context.Locations.Object };
    }

    /// <summary>A Gateway API Gateway: listeners with protocol HTTPS or TLS are encrypted; HTTP, TCP and UDP are not.</summary>
    private static IngressGateway MapGatewayApi(GatewayObject gateway, MappingContext context)
    {
        var listeners = gateway.Spec?.Listeners ?? [];
        var plaintext = listeners.Where(l => l.Protocol is not ("HTTPS" or "TLS")).Select(l => l.Name ?? "").ToArray();
        return new IngressGateway(context.Key.Namespace!, context.Key.Name, listeners.Count > 0 && plaintext.Length == 0)
        {
            Location = context.Locations.Object,
            PlaintextListeners = plaintext,
        };
    }

    public static object Map(VirtualServiceObject service, MappingContext context)
    {
        var ns = context.Key.Namespace!;
        var gateways = (service.Spec?.Gateways ?? []).Where(g => g != Mesh)
            .Select(g => g.Contains('/') ? g : $"{ns}/{g}")
            .ToArray();
        var routes = (service.Spec?.Http ?? []).Concat(service.Spec?.Tls ?? []).Concat(service.Spec?.Tcp ?? []);
        var backends = routes.SelectMany(r => r.Route ?? []).Select(d => d.Destination).OfType<VirtualServiceDestination>()
            .Where(d => !string.IsNullOrEmpty(d.Host))
            .Select(d => Backend(d, ns))
            .OfType<ServiceBackend>()
            .Distinct()
            .ToArray();
        return new IngressRoute("VirtualService", ns, context.Key.Name, gateways.Length == 0 ? [] : backends)
        {
            Location = context.Locations.Object,
            Gateways = gateways,
            ThroughGateway = true,
        };
    }

    /// <summary>The Service a host names: <c>svc</c> (the VirtualService's namespace), <c>svc.ns</c>, <c>svc.ns.svc[.cluster.local]</c>; null for other hosts.</summary>
    private static ServiceBackend? Backend(VirtualServiceDestination destination, string ns)
    {
        var parts = destination.Host!.Split('.');
        var inCluster = parts.Length <= 2 || parts[2] == "svc";
        if (!inCluster || parts[0] == "*")
            return null;
        return new ServiceBackend(parts[0], null, destination.Port?.Number) { Namespace = parts.Length > 1 ? parts[1] : ns };
    }
}
