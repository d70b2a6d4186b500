using Palisade.Connectivity;
using Palisade.Model;

namespace Palisade.Posture.Coverage;

/// <summary>
/// A workload that traffic from outside the cluster reaches: through an Ingress or Route (the ingress
/// controller), or through a NodePort or LoadBalancer Service whose target ports the policies let
/// external addresses open. An unexposed pod is not reported even when its policies would admit
/// external addresses, as nothing routes outside traffic to it.
/// </summary>
public sealed class WorkloadReachableFromOutside : IPostureCheck
{
    /// <inheritdoc />
    public CheckInfo Info { get; } = new("PAL106", "workload-reachable-from-outside", "Workload is reachable from outside the cluster", Severity.Medium, "coverage",
        "Traffic from outside the cluster reaches the workload and the network policies let it through; it is the first target of an attacker and should be limited to the ports and sources it must serve.")
    {
        References = [References.NsaNetworkPolicies, References.KubescapeExternalFacing],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var pod in context.Workloads())
        {
            var peer = PostureContext.PeerOf(pod.Pod);
            var viaIngress = context.Reach.FromIngressController(peer);
            var (viaServices, services) = ThroughServices(context, pod.Pod, context.Reach.FromExternal(peer));
            if (viaIngress.IsEmpty && viaServices.IsEmpty)
                continue;
            var ways = new List<string>(2);
            if (!viaIngress.IsEmpty)
                ways.Add($"through the ingress controller on {viaIngress}");
            if (!viaServices.IsEmpty)
                ways.Add($"through {string.Join(", ", services)} on {viaServices}");
            var balancer = context.Cluster.Services.Any(s => services.Contains($"Service {s.Namespace}/{s.Name}") && s.Type == "LoadBalancer" && s.LoadBalancerSourceRanges.Count == 0);
            yield return new Finding(Info, PostureContext.Ref(pod.Pod),
                $"{pod.Pod.Owner} is reachable from outside the cluster {string.Join(" and ", ways)}",
                "Make sure the exposure is intended; limit the policy's ingress from outside to the serving ports, and the sources (ipBlock, loadBalancerSourceRanges) where possible.")
            {
                Severity = balancer ? Severity.High : Info.Severity,
            };
        }
    }

    private static (ConnectionSet Allowed, List<string> Services) ThroughServices(PostureContext context, Pod pod, ConnectionSet fromExternal)
    {
        var allowed = ConnectionSet.None;
        var names = new List<string>();
        if (fromExternal.IsEmpty)
            return (allowed, names);
        foreach (var service in context.Cluster.Services)
        {
            if (service.Type is not ("NodePort" or "LoadBalancer") || !service.Selects(pod))
                continue;
            var targets = ConnectionSet.None;
            foreach (var port in service.Ports)
            {
                if (port.TargetOn(pod) is { } n)
                    targets = targets.Union(ConnectionSet.Of(port.Protocol, PortSet.Single(n)));
            }
            var through = targets.Intersect(fromExternal);
            if (through.IsEmpty)
                continue;
            allowed = allowed.Union(through);
            names.Add($"Service {service.Namespace}/{service.Name}");
        }
        return (allowed, names);
    }
}
