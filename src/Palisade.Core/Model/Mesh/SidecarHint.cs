namespace Palisade.Model.Mesh;

/// <summary>
/// What a workload's pods say about their Istio sidecar beyond their labels: whether one was already injected
/// (the <c>sidecar.istio.io/status</c> annotation or an <c>istio-proxy</c> container), and the legacy
/// <c>sidecar.istio.io/inject</c> annotation.
/// </summary>
public sealed record SidecarHint(bool Injected, string? InjectAnnotation)
{
    /// <summary>Two pods' hints as one workload's: injected if either is, the first annotation given.</summary>
    public SidecarHint Merge(SidecarHint other) => new(Injected || other.Injected, InjectAnnotation ?? other.InjectAnnotation);
}
