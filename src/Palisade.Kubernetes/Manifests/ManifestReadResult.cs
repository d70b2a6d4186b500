namespace Palisade.Kubernetes.Manifests;

/// <summary>The objects read from the inputs, what was skipped, and warnings worth showing every time.</summary>
internal sealed record ManifestReadResult(IReadOnlyList<ManifestObject> Objects, IReadOnlyList<IgnoredObject> Ignored, IReadOnlyList<string> Warnings)
{
    /// <summary>Objects of the extra kinds the caller asked for, which the cluster model does not hold.</summary>
    public IReadOnlyList<ManifestObject> Extras { get; init; } = [];
}
