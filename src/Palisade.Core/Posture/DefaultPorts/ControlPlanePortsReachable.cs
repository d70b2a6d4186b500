using Palisade.Findings;
using Palisade.Posture.Consequences;

namespace Palisade.Posture.DefaultPorts;

/// <summary>
/// A workload whose egress reaches the Kubernetes components' ports on addresses outside the pod network,
/// where nodes and the control plane live, through a rule that is not a cause reported elsewhere: an open
/// side is PAL101's or PAL105's, an allow-all or any-address rule PAL204's or PAL205's. Reaching only the
/// API server port is low, and not reported at all for workloads whose ServiceAccount RBAC grants something.
/// </summary>
public sealed class ControlPlanePortsReachable : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL402", "control-plane-ports-reachable", "Workload can reach Kubernetes component ports", Severity.Medium, "default-ports",
        "The workload's egress admits the ports of etcd, the kubelet, the controller manager, the scheduler or kube-proxy on node addresses; a compromised pod can probe them (anonymous kubelet access, read-only port 10255, exposed etcd).")
    {
        References = [References.NsaControlPlane, References.CisKubeletReadOnlyPort],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var (pod, consequence) in StandaloneConsequences.Of(context))
        {
            if (consequence.Kind is not (ConsequenceKind.ComponentPorts or ConsequenceKind.ApiServer))
                continue;
            yield return new Finding(Info, PostureContext.Ref(pod.Pod),
                $"{pod.Pod.Owner} can connect to {consequence.Text} (TCP) on addresses outside the pod network, through {StandaloneConsequences.Rules(consequence)}",
                "Narrow the rule's ipBlock and ports to the destinations the workload needs; give API access (6443 or 443 to the API server's address) only to workloads that call the API.")
            {
                Severity = consequence.Severity,
            };
        }
    }
}
