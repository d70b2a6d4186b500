using Palisade.Model;
using Palisade.Net;

namespace Palisade.Connectivity.Edge;

/// <summary>
/// How traffic from outside the cluster reaches a workload, with the policies applied: through the ingress
/// controller (Ingress, Route), and through NodePort or LoadBalancer Services whose target ports external
/// addresses may open.
/// </summary>
public sealed record OutsideExposure(ConnectionSet ViaIngress, ConnectionSet ViaServices, IReadOnlyList<ServiceInfo> Services)
{
    /// <summary>Services, compared element by element.</summary>
    public IReadOnlyList<ServiceInfo> Services { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Services);

    /// <summary>Whether anything from outside reaches the workload.</summary>
    public bool IsExposed => !ViaIngress.IsEmpty || !ViaServices.IsEmpty;

    /// <summary>Everything outside traffic can open.</summary>
    public ConnectionSet All => ViaIngress.Union(ViaServices);

    /// <summary>The exposure of a workload's pod, given what crosses the cluster edge.</summary>
    public static OutsideExposure Of(NetworkSnapshot cluster, ExternalReach reach, Pod pod)
    {
        var peer = ConnectivityAnalyzer.PeerOf(pod, Granularity.Workload);
        var fromExternal = reach.FromExternal(peer);
        var viaServices = ConnectionSet.None;
        var services = new List<ServiceInfo>();
        if (!fromExternal.IsEmpty)
        {
            foreach (var service in cluster.ServicesIn(pod.Namespace))
            {
                if (service.Type is not ("NodePort" or "LoadBalancer") || !service.Selects(pod))
                    continue;
                var targets = ConnectionSet.None;
                foreach (var port in service.Ports)
                {
                    if (port.TargetOn(pod) is { } number)
                        targets = targets.Union(ConnectionSet.Of(port.Protocol, PortSet.Single(number)));
                }
                var through = targets.Intersect(fromExternal);
                if (through.IsEmpty)
                    continue;
                viaServices = viaServices.Union(through);
                services.Add(service);
            }
        }
        return new OutsideExposure(reach.FromIngressController(peer), viaServices, services);
    }

    /// <summary>"through the ingress controller on TCP 8080 and through Service ns/name on TCP 443".</summary>
    public string Describe()
    {
        var ways = new List<string>(2);
        if (!ViaIngress.IsEmpty)
            ways.Add($"through the ingress controller on {ViaIngress}");
        if (!ViaServices.IsEmpty)
            ways.Add($"through {string.Join(", ", Services.Select(s => $"{s.Type} Service {s.Namespace}/{s.Name}"))} on {ViaServices}");
        return string.Join(" and ", ways);
    }
}
