using Palisade.Kubernetes.Manifests.Tokens;
using k8s.Models;
using static Palisade.Kubernetes.Manifests.Models.TokenValues;

namespace Palisade.Kubernetes.Manifests.Models;

/// <summary>The metadata fields the mappers read: name, namespace, labels, annotations, controller, creation and deletion times.</summary>
internal static class MetadataReader
{
    public static V1ObjectMeta Read(TokenBuffer t, int m) => new()
    {
        Name = String(t, m, "name"u8),
        NamespaceProperty = String(t, m, "namespace"u8),
        Labels = Map(t, m, "labels"u8),
        Annotations = Map(t, m, "annotations"u8),
        OwnerReferences = List(t, m, "ownerReferences"u8, (t, r) => new V1OwnerReference
        {
            Kind = String(t, r, "kind"u8),
            Name = String(t, r, "name"u8),
            Controller = Bool(t, r, "controller"u8),
        }),
        CreationTimestamp = Timestamp(t, m, "creationTimestamp"u8),
        DeletionTimestamp = Timestamp(t, m, "deletionTimestamp"u8),
    };

    /// <summary>The object's metadata, or null when it has none.</summary>
    public static V1ObjectMeta? Of(TokenBuffer t, int root) => Object(t, root, "metadata"u8, Read);
}
