using Palisade.Kubernetes.Manifests.Tokens;
using k8s.Models;
using static Palisade.Kubernetes.Manifests.Models.TokenValues;

namespace Palisade.Kubernetes.Manifests.Models;

/// <summary>The pod fields the workload mapper reads: host network, node, service account, containers and sidecars with their ports, addresses, phase.</summary>
internal static class PodReader
{
    public static V1Pod Pod(TokenBuffer t, int root) => new()
    {
        Metadata = MetadataReader.Of(t, root),
        Spec = Object(t, root, "spec"u8, Spec),
        Status = Object(t, root, "status"u8, (t, s) => new V1PodStatus
        {
            PodIP = String(t, s, "podIP"u8),
            PodIPs = List(t, s, "podIPs"u8, (t, p) => new V1PodIP { Ip = String(t, p, "ip"u8) }),
            HostIP = String(t, s, "hostIP"u8),
            Phase = String(t, s, "phase"u8),
        }),
    };

    public static V1PodTemplateSpec Template(TokenBuffer t, int template) => new()
    {
        Metadata = MetadataReader.Of(t, template),
        Spec = Object(t, template, "spec"u8, Spec),
    };

    private static V1PodSpec Spec(TokenBuffer t, int s) => new()
    {
        HostNetwork = Bool(t, s, "hostNetwork"u8),
        NodeName = String(t, s, "nodeName"u8),
        ServiceAccountName = String(t, s, "serviceAccountName"u8),
        ServiceAccount = String(t, s, "serviceAccount"u8),
        Containers = List(t, s, "containers"u8, Container),
        InitContainers = List(t, s, "initContainers"u8, Container),
    };

    private static V1Container Container(TokenBuffer t, int c) => new()
    {
        Name = String(t, c, "name"u8),
        Image = String(t, c, "image"u8),
        RestartPolicy = String(t, c, "restartPolicy"u8),
        Ports = List(t, c, "ports"u8, (t, p) => new V1ContainerPort
        {
            ContainerPort = Int(t, p, "containerPort"u8) ?? 0,
            Name = String(t, p, "name"u8),
            Protocol = String(t, p, "protocol"u8),
            HostPort = Int(t, p, "hostPort"u8),
        }),
    };
}
