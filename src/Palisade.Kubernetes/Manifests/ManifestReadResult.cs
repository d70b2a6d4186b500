using Palisade.Model;

namespace Palisade.Kubernetes.Manifests;

/// <summary>The objects read from the inputs, what was skipped, warnings worth showing every time, and the inputs a lenient read could not use.</summary>
internal sealed record ManifestReadResult(IReadOnlyList<ManifestObject> Objects, IReadOnlyList<IgnoredObject> Ignored, IReadOnlyList<string> Warnings)
{
    /// <summary>Inputs skipped because they could not be read.</summary>
    public IReadOnlyList<UnreadInput> Unread { get; init; } = [];

    /// <summary>Objects of the extra kinds the caller asked for, which the cluster model does not hold.</summary>
    public IReadOnlyList<ManifestObject> Extras { get; init; } = [];
}
