using Palisade.Kubernetes.Manifests;
using Palisade.Model;

namespace Palisade.Kubernetes;

/// <summary>A cluster read from manifests, with what was ignored and the warnings to show.</summary>
public sealed record LoadedCluster(Cluster Cluster, IReadOnlyList<IgnoredObject> Ignored, IReadOnlyList<string> Warnings);
