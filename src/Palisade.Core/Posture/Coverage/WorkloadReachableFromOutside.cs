using Palisade.Findings;
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
    public RuleInfo Info { get; } = new("PAL106", "workload-reachable-from-outside", "Workload is reachable from outside the cluster", Severity.Medium, "coverage",
        "Traffic from outside the cluster reaches the workload and the network policies let it through; it is the first target of an attacker and should be limited to the ports and sources it must serve.")
    {
        References = [References.NsaNetworkPolicies, References.KubescapeExternalFacing],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var pod in context.Workloads())
        {
            if (context.ExposureUnchanged(pod.Pod))
                continue;
            var exposure = context.Exposure(pod.Pod);
            if (!exposure.IsExposed)
                continue;
            var openBalancer = exposure.Services.Any(s => s.Type == "LoadBalancer" && IsOpenToTheInternet(s, context));
            yield return new Finding(Info, PostureContext.Ref(pod.Pod),
                $"{pod.Pod.Owner} is reachable from outside the cluster {exposure.Describe()}",
                "Make sure the exposure is intended; limit the policy's ingress from outside to the serving ports, and the sources (ipBlock, loadBalancerSourceRanges) where possible.")
            {
                Severity = openBalancer ? Severity.High : Info.Severity,
            };
        }
    }

    // An internal load balancer admits the private network only: exposed as a node port is, not to the internet.
    private static bool IsOpenToTheInternet(ServiceInfo service, PostureContext context)
    {
        var annotations = context.Cluster.Objects.Find(PostureContext.Ref(service).Key)?.Annotations;
        return Exposure.LoadBalancerSourceRanges.AdmitsAnyone(service, annotations) && !Exposure.LoadBalancerSourceRanges.IsInternal(annotations);
    }
}
