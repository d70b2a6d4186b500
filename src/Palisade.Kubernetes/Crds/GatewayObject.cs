using k8s.Models;

namespace Palisade.Kubernetes.Crds;

/// <summary>An Istio Gateway (networking.istio.io): the ports an ingress gateway listens on, and their TLS. Deserialisation target only.</summary>
internal sealed class GatewayObject : IMetadata<V1ObjectMeta?>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public GatewaySpec? Spec { get; set; }
}

/// <summary>The gateway's servers.</summary>
internal sealed class GatewaySpec
{
    public List<GatewayServer>? Servers { get; set; }
}

/// <summary>One server: a port and, when it terminates or passes TLS, its TLS settings.</summary>
internal sealed class GatewayServer
{
    public GatewayTls? Tls { get; set; }
}

/// <summary>A server's TLS settings: a mode, or a redirect of plain HTTP to HTTPS.</summary>
internal sealed class GatewayTls
{
    public string? Mode { get; set; }

    public bool? HttpsRedirect { get; set; }
}
