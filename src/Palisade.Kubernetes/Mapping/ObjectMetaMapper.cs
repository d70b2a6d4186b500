using Palisade.Model;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>The metadata every object keeps: its identity, where it and its fields are, its annotations and its controller.</summary>
internal static class ObjectMetaMapper
{
    private static readonly Dictionary<string, string> EmptyAnnotations = new(StringComparer.Ordinal);

    /// <summary>The metadata; throws <see cref="InvalidInputException"/> when the kind requires a name and the object has none.</summary>
    public static ObjectMeta Map(KindRow row, object model, FieldLocations locations)
    {
        var metadata = (model as IMetadata<V1ObjectMeta>)?.Metadata;
        var name = row.Name?.Invoke(model, locations) ?? ObjectNames.Require(metadata, row.Kind, locations);
        var key = new ObjectKey(row.Kind, row.Namespaced ? ObjectNames.Namespace(metadata) : null, name);
        if (key.Namespace is { } ns && !ObjectNames.IsNamespaceName(ns))
            throw InvalidNamespace(locations, key, "metadata.namespace", ns);
        if (row.Kind == "Namespace" && !ObjectNames.IsNamespaceName(name))
            throw InvalidNamespace(locations, key, "metadata.name", name);
        var annotations = metadata?.Annotations is { Count: > 0 } given
            ? new Dictionary<string, string>(given, StringComparer.Ordinal)
            : (IReadOnlyDictionary<string, string>)EmptyAnnotations;
        return new ObjectMeta(new ResourceRef(key, locations.Object), annotations, locations.Of) { Controller = ObjectNames.Controller(metadata) };
    }

    // Namespaces key every analysis and name the kubernetes.io/metadata.name label: one the API server would refuse
    // (a DNS label) could not exist, and its label value could not be selected.
    private static InvalidInputException InvalidNamespace(FieldLocations locations, ObjectKey key, string field, string value) =>
        new(locations.Of(field), key.Namespace is null ? $"{key.Kind} {key.Name}" : $"{key.Kind} {key.Namespace}/{key.Name}", field,
            $"\"{value}\" is not a valid namespace name (up to 63 lowercase letters, digits and '-', starting and ending with a letter or digit)");
}
