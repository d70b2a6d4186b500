using Palisade.Model;
using Palisade.Net;

namespace Palisade.Connectivity.Edge;

/// <summary>
/// What the ingress controller is asked to reach: for each pod behind a Service that an Ingress or Route
/// names, the TCP ports it forwards to. Problems (a missing Service, one without selector) are warnings.
/// </summary>
public sealed class IngressRouting
{
    private readonly Dictionary<Pod, ConnectionSet> _exposed = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Pod, IngressRoute> _firstRoute = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _warnings = [];

    /// <summary>Computes the exposure of the snapshot's pods.</summary>
    public IngressRouting(NetworkSnapshot cluster, ConnectivityOptions options)
    {
        var services = cluster.Services.ToLookup(s => (s.Namespace, s.Name));
        foreach (var route in cluster.IngressRoutes)
        {
            foreach (var backend in route.Backends)
            {
                var service = services[(backend.Namespace ?? route.Namespace, backend.ServiceName)].FirstOrDefault();
                if (service is null)
                {
                    _warnings.Add($"{route}: Service {backend.Namespace ?? route.Namespace}/{backend.ServiceName} not found; the backend is ignored");
                    continue;
                }
                if (service.Selector is null || service.Selector.Count == 0)
                {
                    _warnings.Add($"{route}: Service {service.Namespace}/{service.Name} has no selector; its endpoints are unknown");
                    continue;
                }
                foreach (var pod in cluster.Pods.Where(service.Selects))
                {
                    var ports = Ports(route, backend, service, pod, options);
                    if (ports.IsEmpty)
                        continue;
                    _exposed[pod] = _exposed.TryGetValue(pod, out var existing) ? existing.Union(ports) : ports;
                    _firstRoute.TryAdd(pod, route);
                }
            }
        }
    }

    /// <summary>Warnings about routes that lead nowhere.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The TCP ports the ingress controller forwards to the pod (none when no route leads to it).</summary>
    public ConnectionSet ExposedPorts(Pod pod) => _exposed.TryGetValue(pod, out var ports) ? ports : ConnectionSet.None;

    /// <summary>The first route that leads to the pod, for messages.</summary>
    public IngressRoute? RouteTo(Pod pod) => _firstRoute.GetValueOrDefault(pod);

    private static ConnectionSet Ports(IngressRoute route, ServiceBackend backend, ServiceInfo service, Pod pod, ConnectivityOptions options)
    {
        var result = ConnectionSet.None;
        foreach (var port in service.Ports)
        {
            if (port.Protocol != Protocol.Tcp || !Matches(route, backend, port, options))
                continue;
            if (port.TargetOn(pod) is { } number && (!options.NpGuardServicePorts || pod.Ports.Any(p => p.Port == number)))
                result = result.Union(ConnectionSet.Of(Protocol.Tcp, PortSet.Single(number)));
            if (backend.PortName is not null || backend.PortNumber is not null)
                break;
        }
        return result;
    }

    private static bool Matches(IngressRoute route, ServiceBackend backend, ServicePort port, ConnectivityOptions options)
    {
        if (backend.PortName is null && backend.PortNumber is null)
            return true;
        if (backend.PortName is { } name)
            return port.Name == name || (route.Kind == "Route" || options.NpGuardServicePorts) && port.TargetPortName == name;
        var number = backend.PortNumber!.Value;
        return port.Port == number || (route.Kind == "Route" || options.NpGuardServicePorts) && port.TargetPortNumber == number;
    }
}
