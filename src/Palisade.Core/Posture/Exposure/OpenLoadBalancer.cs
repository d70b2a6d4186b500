using Palisade.Findings;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Posture.Exposure;

/// <summary>
/// A LoadBalancer Service without source ranges, or with one of a whole address family (0.0.0.0/0): the cloud
/// load balancer accepts every internet address.
/// Internal load balancers (by the cloud providers' annotations) are reported at low severity.
/// </summary>
public sealed class OpenLoadBalancer : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL302", "loadbalancer-without-source-ranges", "LoadBalancer open to every address", Severity.High, "exposure",
        "A LoadBalancer Service without loadBalancerSourceRanges accepts connections from the whole internet; NetworkPolicy ipBlocks often cannot help because the load balancer may hide the client address.")
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
            if (service.Type != "LoadBalancer")
                continue;
            var annotations = context.Cluster.Objects.Find(PostureContext.Ref(service).Key)?.Annotations;
            var (ranges, field) = LoadBalancerClients.Of(service, annotations);
            var everyAddress = ranges.FirstOrDefault(LoadBalancerSourceRanges.IsEveryAddress);
            if (ranges.Count > 0 && everyAddress is null)
                continue;
            var isInternal = LoadBalancerSourceRanges.IsInternal(annotations);
            var opening = everyAddress is null ? "without loadBalancerSourceRanges" : $"whose source ranges include {everyAddress}";
            yield return new Finding(Info, PostureContext.Ref(service),
                isInternal
                    ? $"Service {service.Namespace}/{service.Name} is an internal load balancer {opening}: every address of the private network can connect"
                    : $"Service {service.Namespace}/{service.Name} is a LoadBalancer {opening}: every internet address can connect on {Ports(service)}",
                "Set spec.loadBalancerSourceRanges to the client ranges that need access.")
            {
                Field = field,
                Severity = isInternal ? Severity.Low : Info.Severity,
                FixChange = new Model.Changes.SetSourceRanges(service.Namespace, service.Name, [Fixes.Remedies.PlaceholderRange]),
                Fix = $"kubectl -n {service.Namespace} patch service {service.Name} --type merge -p '{{\"spec\":{{\"loadBalancerSourceRanges\":[\"203.0.113.0/24\"]}}}}'  # replace with the client ranges\n",
            };
        }
    }

    private static string Ports(ServiceInfo service) =>
        service.Ports.Count == 0 ? "its ports" : string.Join(", ", service.Ports.Select(p => $"{p.Port}/{p.Protocol.Name()}"));
}
