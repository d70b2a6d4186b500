using Palisade.Kubernetes.Manifests;
using Palisade.Model;
using Palisade.Posture;

namespace Palisade.Kubernetes;

/// <summary>A cluster snapshot built from manifests, with what was ignored and the warnings to show.</summary>
public sealed record LoadedCluster(NetworkSnapshot Snapshot, IReadOnlyList<IgnoredObject> Ignored, IReadOnlyList<string> Warnings)
{
    /// <summary>What posture checks read beyond the network model.</summary>
    public PostureInput Posture { get; init; } = PostureInput.Empty;
}
