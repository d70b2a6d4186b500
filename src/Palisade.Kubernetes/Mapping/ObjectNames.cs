using k8s.Models;
using Palisade.Kubernetes.Manifests;
using Palisade.Model;

namespace Palisade.Kubernetes.Mapping;

/// <summary>Namespace defaulting and required names, shared by every mapper.</summary>
internal static class ObjectNames
{
    /// <summary>The namespace Kubernetes places namespaced objects without one in.</summary>
    public const string DefaultNamespace = "default";

    public static string Namespace(V1ObjectMeta? metadata) =>
        string.IsNullOrEmpty(metadata?.NamespaceProperty) ? DefaultNamespace : metadata.NamespaceProperty;

    public static string Require(V1ObjectMeta? metadata, string kind, FieldLocations locations)
    {
        if (string.IsNullOrEmpty(metadata?.Name))
            throw new InvalidInputException(locations.Of("metadata"), kind, "metadata.name", "required");
        return metadata.Name;
    }
}
