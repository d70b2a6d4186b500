using Palisade.Model;

namespace Palisade.Kubernetes.Mapping;

/// <summary>One Kubernetes object in Core's terms, and what mapping it warns about.</summary>
public sealed record MappedObject(ClusterObject Object, IReadOnlyList<string> Warnings)
{
    /// <summary>Problems that do not stop the analysis, such as a container port without a number.</summary>
    public IReadOnlyList<string> Warnings { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Warnings);
}
