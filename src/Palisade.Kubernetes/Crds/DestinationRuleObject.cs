using k8s.Models;

namespace Palisade.Kubernetes.Crds;

/// <summary>
/// An Istio DestinationRule (networking.istio.io v1, v1beta1, v1alpha3), reduced to its TLS settings.
/// Deserialisation target only; mapped into Core at once.
/// </summary>
internal sealed class DestinationRuleObject : IMetadata<V1ObjectMeta?>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public DestinationRuleSpec? Spec { get; set; }
}

/// <summary>The spec: host, traffic policy, subsets and visibility.</summary>
internal sealed class DestinationRuleSpec
{
    public string? Host { get; set; }

    public DestinationTrafficPolicy? TrafficPolicy { get; set; }

    public List<DestinationSubset>? Subsets { get; set; }

    public List<string>? ExportTo { get; set; }
}

/// <summary>A traffic policy: its TLS setting and per-port overrides.</summary>
internal sealed class DestinationTrafficPolicy
{
    public DestinationClientTls? Tls { get; set; }

    public List<DestinationPortPolicy>? PortLevelSettings { get; set; }
}

/// <summary>A port-level traffic policy.</summary>
internal sealed class DestinationPortPolicy
{
    public DestinationPortSelector? Port { get; set; }

    public DestinationClientTls? Tls { get; set; }
}

/// <summary>The port a port-level policy is for.</summary>
internal sealed class DestinationPortSelector
{
    public int? Number { get; set; }
}

/// <summary>A named subset of the host's endpoints, with its own traffic policy.</summary>
internal sealed class DestinationSubset
{
    public string? Name { get; set; }

    public DestinationTrafficPolicy? TrafficPolicy { get; set; }
}

/// <summary>Client-side TLS settings; only the mode matters to posture.</summary>
internal sealed class DestinationClientTls
{
    public string? Mode { get; set; }
}
