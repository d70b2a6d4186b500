namespace Palisade.Model.Mesh;

/// <summary>
/// The mTLS mode in effect at one scope and the PeerAuthentication that decided it (null when Istio's default
/// applies, no policy saying otherwise).
/// </summary>
public sealed record MtlsDecision(MtlsMode Mode, PeerAuthentication? DecidedBy, string Scope)
{
    /// <summary>Whether plaintext connections are accepted.</summary>
    public bool AcceptsPlaintext => Mode is MtlsMode.Permissive or MtlsMode.Disable;

    /// <summary>The mode as Istio spells it (<c>PERMISSIVE</c>).</summary>
    public string ModeName => Mode.ToString().ToUpperInvariant();

    /// <summary><c>PERMISSIVE (PeerAuthentication istio-system/default, mesh-wide)</c>, or the default's explanation.</summary>
    public string Describe() =>
        DecidedBy is null ? $"{ModeName} (Istio's default: {Scope})" : $"{ModeName} ({DecidedBy}, {Scope})";
}
