namespace Palisade.Model.Mesh;

/// <summary>What an Istio PeerAuthentication asks of incoming connections (<c>spec.mtls.mode</c>), weakest first after <see cref="Unset"/>.</summary>
public enum MtlsMode
{
    /// <summary>Inherit from the enclosing scope (port from workload, workload from namespace, namespace from mesh).</summary>
    Unset,

    /// <summary>Plaintext only: mutual TLS is not used.</summary>
    Disable,

    /// <summary>Both mutual TLS and plaintext are accepted.</summary>
    Permissive,

    /// <summary>Only mutual TLS is accepted.</summary>
    Strict,
}
