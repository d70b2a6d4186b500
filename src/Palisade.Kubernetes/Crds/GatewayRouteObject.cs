using k8s.Models;

namespace Palisade.Kubernetes.Crds;

/// <summary>
/// A Gateway API route (gateway.networking.k8s.io HTTPRoute, GRPCRoute, TLSRoute, TCPRoute): what it attaches to and
/// the backends its rules send to. Deserialisation target only.
/// </summary>
internal sealed class GatewayRouteObject : IMetadata<V1ObjectMeta?>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public GatewayRouteSpec? Spec { get; set; }
}

/// <summary>The parents (Gateways, or Services for mesh routing) and the rules.</summary>
internal sealed class GatewayRouteSpec
{
    public List<GatewayObjectReference>? ParentRefs { get; set; }

    public List<GatewayRouteRule>? Rules { get; set; }
}

/// <summary>A rule: where its traffic goes.</summary>
internal sealed class GatewayRouteRule
{
    public List<GatewayObjectReference>? BackendRefs { get; set; }
}

/// <summary>A parent or backend reference: group and kind (defaults depend on the field), namespace, name, listener, port.</summary>
internal sealed class GatewayObjectReference
{
    public string? Group { get; set; }

    public string? Kind { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public string? SectionName { get; set; }

    public int? Port { get; set; }
}
