namespace Palisade.Model;

/// <summary>
/// An Istio Gateway: the ingress gateway's listeners. Routes bound to it (VirtualServices) are exposure like an
/// Ingress's; they count as TLS only when every server of every gateway they are bound to uses TLS or redirects to it.
/// </summary>
public sealed record IngressGateway(string Namespace, string Name, bool TlsOnly)
{
    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }
}
