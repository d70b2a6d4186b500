using Palisade.Findings;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Posture.DefaultPorts;

/// <summary>
/// A workload whose egress reaches the Kubernetes components' ports on addresses outside the pod network,
/// where nodes and the control plane live. Reaching only the API server port is low (many workloads call
/// the API); etcd, kubelet, controller manager, scheduler or kube-proxy ports are medium.
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
        foreach (var pod in context.Workloads())
        {
            var allowed = ConnectionSet.None;
            foreach (var connection in context.Reach.ToExternal(PostureContext.PeerOf(pod.Pod)))
                allowed = allowed.Union(connection.Connections);
            var open = WellKnownPorts.Components.Where(c => allowed.Contains(Protocol.Tcp, c.Key)).OrderBy(c => c.Key).ToArray();
            if (open.Length == 0)
                continue;
            var onlyApi = open.All(c => c.Key == 6443);
            yield return new Finding(Info, PostureContext.Ref(pod.Pod),
                $"{pod.Pod.Owner} can connect to {string.Join(", ", open.GroupBy(c => c.Value).Select(g => $"{g.Key} {string.Join("/", g.Select(c => c.Key))}"))} (TCP) on addresses outside the pod network",
                "Isolate the workload for egress and allow only the destinations it needs; give API access (6443 or 443 to the API server's address) only to workloads that call the API.")
            {
                Severity = onlyApi ? Severity.Low : Info.Severity,
            };
        }
    }
}
