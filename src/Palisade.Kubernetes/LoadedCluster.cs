using Palisade.Kubernetes.Manifests;
using Palisade.Model;

namespace Palisade.Kubernetes;

/// <summary>A cluster read from manifests, with what was ignored and the warnings to show.</summary>
public sealed record LoadedCluster(Cluster Cluster, IReadOnlyList<IgnoredObject> Ignored, IReadOnlyList<string> Warnings)
{
    /// <summary>Objects read but not used, and why.</summary>
    public IReadOnlyList<IgnoredObject> Ignored { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Ignored);

    /// <summary>Problems that did not stop the reading.</summary>
    public IReadOnlyList<string> Warnings { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Warnings);
}
