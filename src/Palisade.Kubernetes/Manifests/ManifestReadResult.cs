namespace Palisade.Kubernetes.Manifests;

/// <summary>The objects read from the inputs, what was skipped, and warnings worth showing every time.</summary>
internal sealed record ManifestReadResult(IReadOnlyList<ManifestObject> Objects, IReadOnlyList<IgnoredObject> Ignored, IReadOnlyList<string> Warnings);
