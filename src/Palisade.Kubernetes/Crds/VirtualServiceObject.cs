using k8s.Models;

namespace Palisade.Kubernetes.Crds;

/// <summary>An Istio VirtualService (networking.istio.io): the gateways it is bound to and the Services it routes to. Deserialisation target only.</summary>
internal sealed class VirtualServiceObject : IMetadata<V1ObjectMeta?>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public VirtualServiceSpec? Spec { get; set; }
}

/// <summary>The gateways and the HTTP, TLS and TCP routes.</summary>
internal sealed class VirtualServiceSpec
{
    public List<string>? Gateways { get; set; }

    public List<VirtualServiceRoute>? Http { get; set; }

    public List<VirtualServiceRoute>? Tls { get; set; }

    public List<VirtualServiceRoute>? Tcp { get; set; }
}

/// <summary>A route: where its traffic goes.</summary>
internal sealed class VirtualServiceRoute
{
    public List<VirtualServiceDestinationWeight>? Route { get; set; }
}

/// <summary>One destination of a route.</summary>
internal sealed class VirtualServiceDestinationWeight
{
    public VirtualServiceDestination? Destination { get; set; }
}

/// <summary>A Service by host name, and the Service port.</summary>
internal sealed class VirtualServiceDestination
{
    public string? Host { get; set; }

    public VirtualServicePort? Port { get; set; }
}

/// <summary>A Service port number.</summary>
internal sealed class VirtualServicePort
{
    public int? Number { get; set; }
}
