namespace Palisade.Model;

/// <summary>
/// A Service an ingress routes to, in the ingress's namespace unless said, and the port it asks for: a name, a
/// number, or neither (every port of the Service, as a Route without <c>spec.port</c>).
/// </summary>
public sealed record ServiceBackend(string ServiceName, string? PortName, int? PortNumber)
{
    /// <summary>The Service's namespace when it is not the route's (an Istio VirtualService naming <c>svc.ns</c>).</summary>
    public string? Namespace { get; init; }
}
