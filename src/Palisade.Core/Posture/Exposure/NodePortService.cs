using Palisade.Findings;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Posture.Exposure;

/// <summary>
/// A NodePort Service: its ports open on every node's address, outside the ingress path. A LoadBalancer Service
/// opens node ports too (unless allocateLoadBalancerNodePorts is false), where its source ranges and internal
/// scheme do not apply: reported at low, since clouds usually keep the NodePort range closed to all but the load
/// balancer, and whatever the source ranges, so that setting them (PAL302's fix) neither adds nor removes it.
/// </summary>
public sealed class NodePortService : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL301", "service-nodeport", "Service opens node ports", Severity.Medium, "exposure",
        "A NodePort Service listens on every node's address; whoever reaches a node reaches the pods, bypassing the ingress controller and its TLS and authentication. A LoadBalancer Service opens node ports too (unless allocateLoadBalancerNodePorts is false), where its loadBalancerSourceRanges and internal scheme do not apply: reported at low, as firewalls usually close the NodePort range to all but the load balancer.")
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
            var nodePort = service.Type == "NodePort";
            if (!nodePort && (service.Type != "LoadBalancer" || !service.AllocatesNodePorts || service.Ports.Count == 0))
                continue;
            yield return new Finding(Info, PostureContext.Ref(service),
                nodePort
                    ? $"Service {service.Namespace}/{service.Name} opens {NodePorts(service)} on every node"
                    : $"Service {service.Namespace}/{service.Name} is a LoadBalancer that also opens {NodePorts(service)} on every node, where its loadBalancerSourceRanges and internal scheme do not apply",
                nodePort
                    ? "Use a ClusterIP Service behind an Ingress, or restrict who reaches the nodes' NodePort range (firewall, security groups)."
                    : "Set spec.allocateLoadBalancerNodePorts: false where the load balancer sends traffic to the pods directly, or restrict who reaches the nodes' NodePort range (firewall, security groups).")
            {
                Field = "spec.type",
                Severity = nodePort ? Info.Severity : Severity.Low,
            };
        }
    }

    private static string NodePorts(ServiceInfo service) =>
        string.Join(", ", service.Ports.Select(p => p.NodePort is { } n ? $"{n}/{p.Protocol.Name()} (to {p.Port})" : $"an allocated port/{p.Protocol.Name()} (to {p.Port})"));
}
