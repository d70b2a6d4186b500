using Palisade.Findings;
using Palisade.Net;

namespace Palisade.Posture.Exposure;

/// <summary>A NodePort Service: its ports open on every node's address, outside the ingress path.</summary>
public sealed class NodePortService : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL301", "service-nodeport", "Service of type NodePort", Severity.Medium, "exposure",
        "A NodePort Service listens on every node's address; whoever reaches a node reaches the pods, bypassing the ingress controller and its TLS and authentication.")
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
            if (service.Type != "NodePort")
                continue;
            var ports = service.Ports.Select(p => p.NodePort is { } n ? $"{n}/{p.Protocol.Name()} (to {p.Port})" : $"an allocated port/{p.Protocol.Name()} (to {p.Port})");
            yield return new Finding(Info, PostureContext.Ref(service),
                $"Service {service.Namespace}/{service.Name} opens {string.Join(", ", ports)} on every node",
                "Use a ClusterIP Service behind an Ingress, or restrict who reaches the nodes' NodePort range (firewall, security groups).")
            {
                Field = "spec.type",
            };
        }
    }
}
