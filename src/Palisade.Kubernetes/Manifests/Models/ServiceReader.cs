using Palisade.Kubernetes.Manifests.Tokens;
using k8s.Models;
using static Palisade.Kubernetes.Manifests.Models.TokenValues;

namespace Palisade.Kubernetes.Manifests.Models;

/// <summary>The Service and Ingress fields their mappers read: ports, type, selector, addresses (load balancers' too); backends and TLS.</summary>
internal static class ServiceReader
{
    public static V1Service Service(TokenBuffer t, int root) => new()
    {
        Metadata = MetadataReader.Of(t, root),
        Spec = Object(t, root, "spec"u8, (t, s) => new V1ServiceSpec
        {
            Ports = List(t, s, "ports"u8, (t, p) => new V1ServicePort
            {
                Name = String(t, p, "name"u8),
                Protocol = String(t, p, "protocol"u8),
                Port = Int(t, p, "port"u8) ?? 0,
                TargetPort = IntOrString(t, p, "targetPort"u8),
                NodePort = Int(t, p, "nodePort"u8),
            }),
            Type = String(t, s, "type"u8),
            Selector = Map(t, s, "selector"u8),
            ExternalIPs = Strings(t, s, "externalIPs"u8),
            LoadBalancerSourceRanges = Strings(t, s, "loadBalancerSourceRanges"u8),
            AllocateLoadBalancerNodePorts = Bool(t, s, "allocateLoadBalancerNodePorts"u8),
            ClusterIPs = Strings(t, s, "clusterIPs"u8),
            ClusterIP = String(t, s, "clusterIP"u8),
        }),
        Status = Object(t, root, "status"u8, (t, s) => new V1ServiceStatus
        {
            LoadBalancer = Object(t, s, "loadBalancer"u8, (t, l) => new V1LoadBalancerStatus
            {
                Ingress = List(t, l, "ingress"u8, (t, i) => new V1LoadBalancerIngress { Ip = String(t, i, "ip"u8) }),
            }),
        }),
    };

    public static V1Ingress Ingress(TokenBuffer t, int root) => new()
    {
        Metadata = MetadataReader.Of(t, root),
        Spec = Object(t, root, "spec"u8, (t, s) => new V1IngressSpec
        {
            DefaultBackend = Object(t, s, "defaultBackend"u8, Backend),
            Rules = List(t, s, "rules"u8, (t, r) => new V1IngressRule
            {
                Host = String(t, r, "host"u8),
                Http = Object(t, r, "http"u8, (t, h) => new V1HTTPIngressRuleValue { Paths = List(t, h, "paths"u8, (t, p) => new V1HTTPIngressPath { Backend = Object(t, p, "backend"u8, Backend) }) }),
            }),
            Tls = List(t, s, "tls"u8, (t, l) => new V1IngressTLS { Hosts = Strings(t, l, "hosts"u8) }),
        }),
    };

    private static V1IngressBackend Backend(TokenBuffer t, int b) => new()
    {
        Service = Object(t, b, "service"u8, (t, s) => new V1IngressServiceBackend
        {
            Name = String(t, s, "name"u8),
            Port = Object(t, s, "port"u8, (t, p) => new V1ServiceBackendPort { Name = String(t, p, "name"u8), Number = Int(t, p, "number"u8) }),
        }),
    };
}
