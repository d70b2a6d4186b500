using Palisade.Findings;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Posture.Exposure;

/// <summary>
/// A NodePort Service: its ports open on every node's address, outside the ingress path. A LoadBalancer Service
/// opens node ports too (unless allocateLoadBalancerNodePorts is false), where its source ranges and internal
/// scheme do not apply; it is reported when those restrict the load balancer, since an open one is PAL302's.
/// </summary>
public sealed class NodePortService : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL301", "service-nodeport", "Service opens node ports", Severity.Medium, "exposure",
        "A NodePort Service listens on every node's address; whoever reaches a node reaches the pods, bypassing the ingress controller and its TLS and authentication. A LoadBalancer Service opens node ports too (unless allocateLoadBalancerNodePorts is false), where its loadBalancerSourceRanges or internal scheme do not apply; it is reported when those restrict it, since PAL302 reports an open one.")
    {
        References = [References.NsaNetworkPolicies, References.KubescapeExternalFacing],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var service in context.Network.Services)
        {
            var opened = Opened(context, service);
            if (opened is null)
                continue;
            yield return new Finding(Info, PostureContext.Ref(service),
                service.Type == "NodePort"
                    ? $"Service {service.Namespace}/{service.Name} opens {NodePorts(service)} on every node"
                    : $"Service {service.Namespace}/{service.Name} is a LoadBalancer that also opens {NodePorts(service)} on every node, where {opened}",
                service.Type == "NodePort"
                    ? "Use a ClusterIP Service behind an Ingress, or restrict who reaches the nodes' NodePort range (firewall, security groups)."
                    : "Set spec.allocateLoadBalancerNodePorts: false where the load balancer sends traffic to the pods directly, or restrict who reaches the nodes' NodePort range (firewall, security groups).")
            {
                Field = "spec.type",
            };
        }
    }

    /// <summary>Why the Service's node ports are worth a finding (empty for a NodePort Service), or null when they are not.</summary>
    private static string? Opened(PostureContext context, ServiceInfo service)
    {
        if (service.Type == "NodePort")
            return "";
        if (service.Type != "LoadBalancer" || !service.AllocatesNodePorts || service.Ports.Count == 0)
            return null;
        var annotations = context.Cluster.Objects.Find(PostureContext.Ref(service).Key)?.Annotations;
        if (LoadBalancerSourceRanges.IsInternal(annotations))
            return "its internal load balancer's network does not limit them";
        return LoadBalancerSourceRanges.AdmitsAnyone(service, annotations) ? null : "its loadBalancerSourceRanges do not apply";
    }

    private static string NodePorts(ServiceInfo service) =>
        string.Join(", ", service.Ports.Select(p => p.NodePort is { } n ? $"{n}/{p.Protocol.Name()} (to {p.Port})" : $"an allocated port/{p.Protocol.Name()} (to {p.Port})"));
}
