using Palisade.Model.Mesh;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>Reads what a pod or a workload's pod template says about its Istio sidecar beyond its labels.</summary>
internal static class SidecarMapper
{
    private const string StatusAnnotation = "sidecar.istio.io/status";
    private const string ProxyContainer = "istio-proxy";

    /// <summary>The hint, or null when the pod says nothing about a sidecar.</summary>
    public static SidecarHint? Map(object model)
    {
        var (metadata, spec) = model switch
        {
            V1Pod p => (p.Metadata, p.Spec),
            V1Deployment d => (d.Spec?.Template?.Metadata, d.Spec?.Template?.Spec),
            V1ReplicaSet r => (r.Spec?.Template?.Metadata, r.Spec?.Template?.Spec),
            V1StatefulSet s => (s.Spec?.Template?.Metadata, s.Spec?.Template?.Spec),
            V1DaemonSet ds => (ds.Spec?.Template?.Metadata, ds.Spec?.Template?.Spec),
            V1ReplicationController rc => (rc.Spec?.Template?.Metadata, rc.Spec?.Template?.Spec),
            V1Job j => (j.Spec?.Template?.Metadata, j.Spec?.Template?.Spec),
            V1CronJob c => (c.Spec?.JobTemplate?.Spec?.Template?.Metadata, c.Spec?.JobTemplate?.Spec?.Template?.Spec),
            _ => (null, null),
        };
        var annotations = metadata?.Annotations;
        // Native sidecars (Istio 1.19+ with Kubernetes 1.28+) put istio-proxy among the init containers.
        var injected = annotations?.ContainsKey(StatusAnnotation) == true
            || (spec?.Containers ?? []).Concat(spec?.InitContainers ?? []).Any(c => c.Name == ProxyContainer);
        var inject = annotations is not null && annotations.TryGetValue(MeshMembership.PodInjectLabel, out var value) ? value : null;
        return injected || inject is not null ? new SidecarHint(injected, inject) : null;
    }

    /// <summary>Both hints of one workload as one: injected if any pod is.</summary>
    public static SidecarHint Merge(SidecarHint first, SidecarHint second) =>
        new(first.Injected || second.Injected, first.InjectAnnotation ?? second.InjectAnnotation);
}
