using Palisade.Kubernetes.Crds;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// The pods prometheus-operator creates for a Prometheus, Alertmanager or ThanosRuler: a StatefulSet named
/// <c>prometheus-NAME</c>, <c>alertmanager-NAME</c> or <c>thanos-ruler-NAME</c>, whose pods carry the operator's
/// labels plus <c>spec.podMetadata.labels</c>, and the ports of its containers (the config reloader's included).
/// </summary>
internal static class OperatorPodsMapper
{
    private const string ManagedBy = "prometheus-operator";

    public static Pod Map(MonitoringObject o, MappingContext context)
    {
        var (ns, name) = (context.Key.Namespace!, context.Key.Name);
        var (prefix, appName, selectorKey, ports) = context.Kind switch
        {
            "Prometheus" => ("prometheus", "prometheus", "prometheus", PrometheusPorts(o.Spec)),
            "Alertmanager" => ("alertmanager", "alertmanager", "alertmanager", AlertmanagerPorts),
            _ => ("thanos-ruler", "thanos-ruler", "thanos-ruler", ThanosRulerPorts),
        };
        var labels = new Dictionary<string, string>(o.Spec?.PodMetadata?.Labels ?? [], StringComparer.Ordinal)
        {
            ["app.kubernetes.io/name"] = appName,
            ["app.kubernetes.io/managed-by"] = ManagedBy,
            ["app.kubernetes.io/instance"] = name,
            [selectorKey] = name,
        };
        if (context.Kind == "Prometheus")
        {
            labels["operator.prometheus.io/name"] = name;
            labels["operator.prometheus.io/shard"] = "0";
        }
        var statefulSet = $"{prefix}-{name}";
        return new Pod(ns, statefulSet, LabelSet.From(labels), new WorkloadRef(ns, statefulSet, "StatefulSet"))
        {
            Ports = ports,
            HostNetwork = o.Spec?.HostNetwork == true,
            Replicas = Math.Max(o.Spec?.Replicas ?? 1, 0) * Math.Max(o.Spec?.Shards ?? 1, 1),
            FromTemplate = true,
            ServiceAccount = string.IsNullOrEmpty(o.Spec?.ServiceAccountName) ? "default" : o.Spec.ServiceAccountName,
            Location = context.Locations.Object,
        };
    }

    private static readonly ContainerPort Reloader = new("reloader-web", 8080, Protocol.Tcp);

    private static ContainerPort[] PrometheusPorts(MonitoringSpec? spec) =>
        spec?.Thanos is null
            ? [new("web", 9090, Protocol.Tcp), Reloader]
            : [new("web", 9090, Protocol.Tcp), Reloader, new("grpc", 10901, Protocol.Tcp), new("http", 10902, Protocol.Tcp)];

    private static readonly ContainerPort[] AlertmanagerPorts =
        [new("web", 9093, Protocol.Tcp), new("mesh-tcp", 9094, Protocol.Tcp), new("mesh-udp", 9094, Protocol.Udp), Reloader];

    private static readonly ContainerPort[] ThanosRulerPorts =
        [new("grpc", 10901, Protocol.Tcp), new("web", 10902, Protocol.Tcp), Reloader];
}
