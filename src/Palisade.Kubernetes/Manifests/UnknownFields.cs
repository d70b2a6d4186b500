using Palisade.Kubernetes.Manifests.Schema;
using k8s;
using k8s.Models;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// The fields of a manifest object that its Kubernetes model does not have (a typo such as <c>ingres:</c> leaves a
/// policy without rules): ignored as the API server's lax decoding ignores them, and listed for <c>-v</c>. Only the
/// Kubernetes API's own kinds are checked: the models of other projects' kinds hold only the fields Palisade reads.
/// </summary>
internal static class UnknownFields
{
    /// <summary>One line per unknown field: location, object, field path.</summary>
    public static IEnumerable<string> Of(ManifestObject o)
    {
        if (o.Model.GetType().Namespace != typeof(V1Pod).Namespace)
            yield break;
        var shape = ModelShape.Of(o.Model.GetType());
        var name = o.Model is IMetadata<V1ObjectMeta> { Metadata: { } meta }
            ? string.IsNullOrEmpty(meta.NamespaceProperty) ? meta.Name : $"{meta.NamespaceProperty}/{meta.Name}"
            : null;
        foreach (var path in o.Locations.Marks.Keys.Order(StringComparer.Ordinal))
        {
            if (IsUnknownLeaf(shape, path))
                yield return o.Locations.Warning(path, $"{o.Kind}{(name is null ? "" : " " + name)}: {path}: unknown field, ignored");
        }
    }

    /// <summary>Whether the last key of the path is unknown where every key before it is known.</summary>
    private static bool IsUnknownLeaf(ModelShape shape, string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '[')
            {
                if (shape.Kind != ShapeKind.List)
                    return false;
                shape = shape.Element!;
                i = path.IndexOf(']', i) + 1;
                continue;
            }
            if (path[i] == '.')
                i++;
            // Map keys (labels, annotations) may hold dots; nothing after a map is checked.
            if (shape.Kind != ShapeKind.Object)
                return false;
            var end = path.IndexOfAny(['.', '['], i);
            end = end < 0 ? path.Length : end;
            if (shape.Property(path.AsSpan(i, end - i)) is not { } property)
                return end == path.Length;
            shape = property;
            i = end;
        }
        return false;
    }
}
