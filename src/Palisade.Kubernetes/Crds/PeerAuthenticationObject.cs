using k8s.Models;

namespace Palisade.Kubernetes.Crds;

/// <summary>An Istio PeerAuthentication (security.istio.io v1, v1beta1). Deserialisation target only; mapped into Core at once.</summary>
internal sealed class PeerAuthenticationObject : IMetadata<V1ObjectMeta?>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public PeerAuthenticationSpec? Spec { get; set; }
}

/// <summary>The spec: the workloads covered and their mTLS mode, overall and by port.</summary>
internal sealed class PeerAuthenticationSpec
{
    public IstioWorkloadSelector? Selector { get; set; }

    public PeerAuthenticationMtls? Mtls { get; set; }

    public Dictionary<string, PeerAuthenticationMtls>? PortLevelMtls { get; set; }
}

/// <summary>An mTLS setting.</summary>
internal sealed class PeerAuthenticationMtls
{
    public string? Mode { get; set; }
}
