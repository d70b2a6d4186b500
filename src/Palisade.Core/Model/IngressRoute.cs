namespace Palisade.Model;

/// <summary>
/// An Ingress, an OpenShift Route, an Istio VirtualService or a Gateway API route bound to a gateway: a way in from
/// outside the cluster, through the ingress controller, to the pods of some Services.
/// </summary>
public sealed record IngressRoute(string Kind, string Namespace, string Name, IReadOnlyList<ServiceBackend> Backends)
{
    /// <summary>Backends, compared element by element.</summary>
    public IReadOnlyList<ServiceBackend> Backends { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Backends);

    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>Whether TLS is configured (Ingress <c>spec.tls</c>, Route <c>spec.tls</c>).</summary>
    public bool Tls { get; init; }

    /// <summary>
    /// The rules of an Ingress with TLS whose host no spec.tls entry lists (host empty for a rule without one),
    /// which the controller serves in plaintext.
    /// </summary>
    public IReadOnlyList<(int Rule, string Host)> PlaintextHosts { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>
    /// Why a route with TLS serves plain HTTP as well (a Route's <c>insecureEdgeTerminationPolicy: Allow</c>, an Ingress
    /// controller that answers HTTP without redirecting), or null.
    /// </summary>
    public PlainHttpServed? PlainHttp { get; init; }

    /// <summary>
    /// For a route through a gateway, the gateways it is bound to (<c>ns/name</c>, or <c>ns/name/listener</c>); its TLS
    /// is theirs.
    /// </summary>
    public IReadOnlyList<string> Gateways { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>
    /// Whether the route is a way in only through the <see cref="Gateways"/> (VirtualService, Gateway API routes): without
    /// one it routes inside the cluster and is not exposure.
    /// </summary>
    public bool ThroughGateway { get; init; }

    /// <summary><c>Kind ns/name</c>.</summary>
    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}
