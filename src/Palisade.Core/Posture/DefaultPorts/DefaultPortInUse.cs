using Palisade.Connectivity;
using Palisade.Findings;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Posture.DefaultPorts;

/// <summary>
/// A workload listening on the default port of a well-known service. Severity follows who can reach the
/// port: low when only its own namespace can, medium from other namespaces or external addresses, high
/// through an Ingress or a NodePort/LoadBalancer Service. A NodePort or LoadBalancer Service (or one with
/// externalIPs) that publishes such a port outside the cluster, or forwards a published port to one, is
/// reported on the Service's port too, at high. A workload listens on a default port it declares, or, undeclared,
/// that its image listens on or that a Service targets (<see cref="DefaultPortListener"/>).
/// </summary>
public sealed class DefaultPortInUse : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL401", "default-port", "Well-known default port in use", Severity.Low, "default-ports",
        "Databases, caches, brokers, admin consoles and remote shells on their default ports are what scanners and worms probe first; keep them reachable only from the workloads that need them.")
    {
        References = [References.KubescapeSensitiveInterfaces, References.NsaNetworkPolicies],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var pod in context.Workloads())
        {
            var peer = PostureContext.PeerOf(pod.Pod);
            if (context.ExposureUnchanged(pod.Pod) && context.ListenerUnchanged(peer))
                continue;
            foreach (var port in DefaultPortListener.Of(pod.Pod, context.Network))
            {
                var (severity, who) = Reach(context, pod.Pod, context.ReachOfListener(peer), port);
                yield return new Finding(Info, PostureContext.Ref(pod.Pod),
                    $"{pod.Pod.Owner} listens on {port.Port}/TCP, the default {port.Service} port{port.Evidence}; {who}",
                    "Allow the port only from the workloads that need it (an ingress rule with podSelector and the port), and prefer authentication and TLS on the service itself.")
                {
                    Severity = severity,
                    Field = context.FieldOf(pod.Pod, port.Field),
                };
            }
        }
        foreach (var service in context.Network.Services)
        {
            if (service.Type is not ("NodePort" or "LoadBalancer") && service.ExternalIps.Count == 0)
                continue;
            for (var i = 0; i < service.Ports.Count; i++)
            {
                var port = service.Ports[i];
                // The published port, or the numeric target it forwards to (port 80 to a database's 5432).
                var target = port.TargetPortNumber is { } number && number != port.Port ? number : (int?)null;
                var published = WellKnownPorts.ServiceOn(port.Protocol, port.Port);
                var name = published ?? (target is { } t ? WellKnownPorts.ServiceOn(port.Protocol, t) : null);
                if (name is null)
                    continue;
                var what = published is null ? $"{port.Port}/TCP, to target port {target}," : $"{port.Port}/TCP,";
                yield return new Finding(Info, PostureContext.Ref(service),
                    $"Service {service.Namespace}/{service.Name} publishes {what} the default {name} port, outside the cluster ({(service.ExternalIps.Count > 0 ? "externalIPs" : service.Type)})",
                    "Do not publish databases, caches, brokers, consoles or remote shells outside the cluster; keep the Service ClusterIP and reach it through a VPN, a bastion or an authenticated proxy.")
                {
                    Severity = Severity.High,
                    Field = $"spec.ports[{i}]",
                };
            }
        }
    }

    private static (Severity, string) Reach(PostureContext context, Pod pod, ListenerReach reach, DefaultPortListener port)
    {
        if (context.Exposure(pod).All.Contains(port.Protocol, port.Port))
            return (Severity.High, "it is reachable from outside the cluster");
        var (count, named) = reach.Of(port.Protocol, port.Port);
        return count == 0
            ? (Severity.Low, "only its own namespace can reach it")
            : (Severity.Medium, $"reachable from {string.Join(", ", named)}{(count > ListenerReach.Named ? $" and {count - ListenerReach.Named} more" : "")}");
    }
}
