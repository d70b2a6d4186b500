using Palisade.Model;

namespace Palisade.Kubernetes.Mapping;

/// <summary>One Kubernetes object in Core's terms, and what mapping it warns about.</summary>
public sealed record MappedObject(ClusterObject Object, IReadOnlyList<string> Warnings);
