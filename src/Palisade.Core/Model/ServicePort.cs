using Palisade.Net;
namespace Palisade.Model;

/// <summary>One Service port; the target is a number or a container port name.</summary>
public sealed record ServicePort(string? Name, int Port, Protocol Protocol, int? TargetPortNumber, string? TargetPortName, int? NodePort)
{
    /// <summary>The container port traffic to this Service port reaches on the pod; null when a named target is not declared there.</summary>
    public int? TargetOn(Pod pod)
    {
        if (TargetPortName is { } name)
            return pod.Ports.FirstOrDefault(p => p.Name == name && p.Protocol == Protocol)?.Port;
        return TargetPortNumber ?? Port;
    }
}
