using Palisade.Model;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>Namespace defaulting, required names and controllers, shared by every mapper.</summary>
internal static class ObjectNames
{
    /// <summary>The namespace Kubernetes places namespaced objects without one in.</summary>
    public const string DefaultNamespace = "default";

    public static string Namespace(V1ObjectMeta? metadata) =>
        string.IsNullOrEmpty(metadata?.NamespaceProperty) ? DefaultNamespace : metadata.NamespaceProperty;

    /// <summary>Whether the text is a valid namespace name: a DNS label (RFC 1123), as the API server requires.</summary>
    public static bool IsNamespaceName(string name) => Labels.LabelSyntax.IsDnsLabel(name);

    public static string Require(V1ObjectMeta? metadata, string kind, FieldLocations locations)
    {
        if (string.IsNullOrEmpty(metadata?.Name))
            throw new InvalidInputException(locations.Of("metadata"), kind, "metadata.name", "required");
        return metadata.Name;
    }

    /// <summary>The controller among the owner references (<c>controller: true</c>), as written.</summary>
    public static OwnerReference? Controller(V1ObjectMeta? metadata) =>
        metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true) is { } owner
            ? new OwnerReference(owner.Kind ?? "", owner.Name)
            : null;
}
