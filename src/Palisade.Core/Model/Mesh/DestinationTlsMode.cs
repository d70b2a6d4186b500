namespace Palisade.Model.Mesh;

/// <summary>How a client sidecar connects to a destination (a DestinationRule's <c>tls.mode</c>).</summary>
public enum DestinationTlsMode
{
    /// <summary>Plaintext: the sidecar originates no TLS.</summary>
    Disable,

    /// <summary>One-way TLS: the server is authenticated, the client is not.</summary>
    Simple,

    /// <summary>Mutual TLS with certificates the rule names.</summary>
    Mutual,

    /// <summary>Mutual TLS with Istio's own workload certificates.</summary>
    IstioMutual,
}
