using Palisade.Findings;
using Palisade.Net;

namespace Palisade.Posture.Exposure;

/// <summary>A container binding a hostPort: the port opens on the node's address, often past pod policy.</summary>
public sealed class HostPortContainer : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL306", "host-port", "Container binds a hostPort", Severity.Medium, "exposure",
        "A hostPort opens the container port on the node's address; depending on the CNI, NetworkPolicy does not see that traffic, and the pod is reachable by anyone who reaches the node.")
    {
        References = [References.CisHostPorts, References.NsaPodSecurity, References.KubescapeHostPort],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var pod in context.Workloads())
        {
            var bound = pod.Pod.Ports.Where(p => p.HostPort is not null).ToArray();
            if (bound.Length == 0 || pod.Pod.HostNetwork)
                continue;
            yield return new Finding(Info, PostureContext.Ref(pod.Pod),
                $"{pod.Pod.Owner} binds host port(s) {string.Join(", ", bound.Select(p => $"{p.HostPort}/{p.Protocol.Name()} (container port {p.Port})"))} on its node",
                "Remove hostPort and expose the port through a Service.")
            {
                // The first binding: the location shown is its line, and the message lists the others.
                Field = context.FieldOf(pod.Pod, bound[0].Field is { } field ? field + ".hostPort" : null),
            };
        }
    }
}
