using Palisade.Kubernetes.Manifests;
using Palisade.Model;
using k8s;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>The metadata posture checks read of every object: its identity, annotations and field locations.</summary>
internal static class ObjectMetaMapper
{
    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy",
        "ClusterRole", "ClusterRoleBinding", "Policy",
    };

    /// <summary>The object's metadata, or null when it has no name (the mappers report that).</summary>
    public static ObjectMeta? Map(ManifestObject o)
    {
        if (o.Model is not IMetadata<V1ObjectMeta> { Metadata: { Name: { Length: > 0 } name } metadata })
            return null;
        var ns = ClusterScoped.Contains(o.Kind) ? null : ObjectNames.Namespace(metadata);
        var resource = new ResourceRef(o.Kind, ns, name) { Location = o.Location };
        var annotations = metadata.Annotations is { Count: > 0 } given
            ? new Dictionary<string, string>(given, StringComparer.Ordinal)
            : (IReadOnlyDictionary<string, string>)EmptyAnnotations;
        return new ObjectMeta(resource, annotations, o.Locations.Of);
    }

    private static readonly Dictionary<string, string> EmptyAnnotations = new(StringComparer.Ordinal);
}
