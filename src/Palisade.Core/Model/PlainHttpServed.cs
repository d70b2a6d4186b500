namespace Palisade.Model;

/// <summary>
/// Why a route with TLS still serves plain HTTP (a Route allowing insecure edge traffic, an Ingress controller that
/// does not redirect), the field that decides it, and how to stop it.
/// </summary>
public sealed record PlainHttpServed(string Reason, string Field, string Fix);
