using k8s.Models;

namespace Palisade.Kubernetes.Crds;

/// <summary>
/// A Gateway: Istio's (networking.istio.io, <c>spec.servers</c>) or the Gateway API's (gateway.networking.k8s.io,
/// <c>spec.listeners</c>), one kind name for both: the ports it listens on, and their TLS. Deserialisation target only.
/// </summary>
internal sealed class GatewayObject : IMetadata<V1ObjectMeta?>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public GatewaySpec? Spec { get; set; }
}

/// <summary>The gateway's servers (Istio) or listeners (Gateway API).</summary>
internal sealed class GatewaySpec
{
    public List<GatewayServer>? Servers { get; set; }

    public List<GatewayListener>? Listeners { get; set; }
}

/// <summary>A Gateway API listener: its name (what a route's sectionName picks) and protocol (HTTP, HTTPS, TLS, TCP, UDP).</summary>
internal sealed class GatewayListener
{
    public string? Name { get; set; }

    public string? Protocol { get; set; }
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
