using Palisade.Model;
using Palisade.Net;

namespace Palisade.Posture.DefaultPorts;

/// <summary>
/// A well-known default port a workload listens on, and how that is known: a container port it declares, else the
/// default port of a container's image when that container declares none (declaring ports is optional, and most
/// charts of databases leave it out), else a Service selecting the workload that targets the port by number.
/// </summary>
internal sealed record DefaultPortListener(Protocol Protocol, int Port, string Service, string? Field, string Evidence)
{
    /// <summary>The workload's listeners on well-known default ports, each port once, declared ones first.</summary>
    public static IReadOnlyList<DefaultPortListener> Of(Pod pod, NetworkSnapshot network)
    {
        var result = new List<DefaultPortListener>();
        foreach (var port in pod.Ports)
        {
            if (WellKnownPorts.ServiceOn(port.Protocol, port.Port) is { } service && !Has(result, port.Protocol, port.Port))
                result.Add(new(port.Protocol, port.Port, service, port.Field, ""));
        }
        foreach (var image in pod.Images)
        {
            if (!image.DeclaresPorts && WellKnownPorts.ImageDefault(image.Name) is { } number && !Has(result, Protocol.Tcp, number))
                result.Add(new(Protocol.Tcp, number, WellKnownPorts.Services[number], image.Field, $" of its image {image.Reference}, which it does not declare"));
        }
        foreach (var service in network.ServicesIn(pod.Namespace))
        {
            if (!service.Selects(pod))
                continue;
            foreach (var port in service.Ports)
            {
                if (port.TargetOn(pod) is { } number && WellKnownPorts.ServiceOn(port.Protocol, number) is { } name && !Has(result, port.Protocol, number))
                    result.Add(new(port.Protocol, number, name, null, $", which Service {service.Namespace}/{service.Name} targets though the pod does not declare it"));
            }
        }
        return result;
    }

    private static bool Has(List<DefaultPortListener> listeners, Protocol protocol, int port) =>
        listeners.Exists(l => l.Protocol == protocol && l.Port == port);
}
