namespace Palisade.Model;

/// <summary>
/// An Istio or Gateway API Gateway: the ingress gateway's listeners. Routes bound to it (VirtualServices, HTTPRoutes
/// ...) are exposure like an Ingress's; they count as TLS only when every server of every gateway they are bound to
/// uses TLS or redirects to it (for a route bound to one Gateway API listener, when that listener does).
/// </summary>
public sealed record IngressGateway(string Namespace, string Name, bool TlsOnly)
{
    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The names of the Gateway API listeners that serve plaintext (protocol HTTP, TCP or UDP).</summary>
    public IReadOnlyList<string> PlaintextListeners { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Whether a route bound to the gateway (or only to its listener <paramref name="listener"/>) is served over TLS only.</summary>
    public bool ServesTlsOnly(string? listener) => listener is null ? TlsOnly : !PlaintextListeners.Contains(listener);
}
