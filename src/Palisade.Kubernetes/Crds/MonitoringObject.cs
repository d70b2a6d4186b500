using k8s.Models;

namespace Palisade.Kubernetes.Crds;

/// <summary>
/// A prometheus-operator Prometheus, Alertmanager or ThanosRuler (monitoring.coreos.com): the operator runs it as a
/// StatefulSet. Only what shapes its pods is read. Deserialisation target only; mapped into Core at once.
/// </summary>
internal sealed class MonitoringObject : IMetadata<V1ObjectMeta?>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public MonitoringSpec? Spec { get; set; }
}

/// <summary>The parts of the spec that shape the pods.</summary>
internal sealed class MonitoringSpec
{
    public int? Replicas { get; set; }

    public int? Shards { get; set; }

    public MonitoringPodMetadata? PodMetadata { get; set; }

    public string? ServiceAccountName { get; set; }

    public bool? HostNetwork { get; set; }

    public Dictionary<string, object>? Thanos { get; set; }
}

/// <summary>Labels and annotations the operator adds to the pods it creates.</summary>
internal sealed class MonitoringPodMetadata
{
    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }
}
