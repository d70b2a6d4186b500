using Palisade.Kubernetes.Live;
using Palisade.Kubernetes.Manifests;
using Palisade.Model;

namespace Palisade.Kubernetes;

/// <summary>A cluster read from manifests or a live cluster, with what was ignored, the warnings to show, and the kinds a live read was refused.</summary>
public sealed record LoadedCluster(Cluster Cluster, IReadOnlyList<IgnoredObject> Ignored, IReadOnlyList<string> Warnings)
{
    /// <summary>Objects read but not used, and why.</summary>
    public IReadOnlyList<IgnoredObject> Ignored { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Ignored);

    /// <summary>Problems that did not stop the reading.</summary>
    public IReadOnlyList<string> Warnings { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Warnings);

    /// <summary>With <see cref="InputOptions.ListUnknownFields"/>: each field a manifest object's kind does not have, located.</summary>
    public IReadOnlyList<string> UnknownFields { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The kinds a live read could not list (with <c>--allow-partial</c>), and what their absence takes away.</summary>
    public IReadOnlyList<RefusedKind> Refused { get; init => field = ValueCollections.List(value); } = [];
}
