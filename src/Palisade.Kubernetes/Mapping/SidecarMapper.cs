using Palisade.Model.Mesh;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>Reads what a pod or a workload's pod template says about its Istio sidecar beyond its labels.</summary>
internal static class SidecarMapper
{
    private const string StatusAnnotation = "sidecar.istio.io/status";
    private const string ProxyContainer = "istio-proxy";

    /// <summary>The hint, or null when the pod says nothing about a sidecar.</summary>
    public static SidecarHint? Map(V1ObjectMeta? metadata, V1PodSpec? spec)
    {
        var annotations = metadata?.Annotations;
        // Native sidecars (Istio 1.19+ with Kubernetes 1.28+) put istio-proxy among the init containers.
        var injected = annotations?.ContainsKey(StatusAnnotation) == true
            || (spec?.Containers ?? []).Concat(spec?.InitContainers ?? []).Any(c => c.Name == ProxyContainer);
        var inject = annotations is not null && annotations.TryGetValue(MeshMembership.PodInjectLabel, out var value) ? value : null;
        return injected || inject is not null ? new SidecarHint(injected, inject) : null;
    }
}
