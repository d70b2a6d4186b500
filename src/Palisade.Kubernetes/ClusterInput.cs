using Palisade.Kubernetes.Live;

namespace Palisade.Kubernetes;

/// <summary>Where some of a cluster's objects come from: manifest paths (files, directories, <c>-</c>), or a live cluster.</summary>
public sealed record ClusterInput
{
    private ClusterInput(IReadOnlyList<string>? paths, LiveRequest? live) => (Paths, Live) = (paths, live);

    /// <summary>The manifest paths, when the input is manifests.</summary>
    public IReadOnlyList<string>? Paths { get; }

    /// <summary>The cluster to read, when the input is a live cluster.</summary>
    public LiveRequest? Live { get; }

    /// <summary>Manifests at these paths.</summary>
    public static ClusterInput Manifests(IReadOnlyList<string> paths) => new(paths, null);

    /// <summary>The cluster the request names.</summary>
    public static ClusterInput Cluster(LiveRequest request) => new(null, request);
}
