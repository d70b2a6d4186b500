using System.Text.Json;
using Palisade.Model;
using k8s;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// Maps one Kubernetes object into Core's terms, whatever its source: a client model read from a manifest
/// (with the location of each field), listed or watched from a live cluster, or the JSON of one object as an
/// audit log carries it (without locations). Each kind's row in <see cref="KindTable"/> says how.
/// </summary>
public static class ObjectMapper
{
    /// <summary>
    /// Maps the JSON of one object; null when its kind is not one Palisade reads. Throws
    /// <see cref="InvalidInputException"/> when the object is one the API server would reject.
    /// </summary>
    public static MappedObject? MapJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var kind = root.TryGetProperty("kind", out var k) ? k.GetString() : null;
        var apiVersion = root.TryGetProperty("apiVersion", out var v) ? v.GetString() : null;
        if (string.IsNullOrEmpty(kind) || KindTable.Resolve(apiVersion, kind, out _) is not { } row)
            return null;
        var model = row.FromJson(root) ?? throw new InvalidInputException(null, kind, null, "empty object");
        return Map(row, model, FieldLocations.None);
    }

    /// <summary>Maps a client model of the kind (as listed or watched, or read from a manifest).</summary>
    internal static MappedObject Map(string kind, object model, FieldLocations? locations = null) =>
        Map(KindTable.Of(kind), model, locations ?? FieldLocations.None);

    private static MappedObject Map(KindRow row, object model, FieldLocations locations)
    {
        var meta = ObjectMetaMapper.Map(row, model, locations);
        var context = new MappingContext(meta.Key, locations);
        var key = meta.Key;
        LabelWarnings.Check((model as IMetadata<V1ObjectMeta>)?.Metadata?.Labels, "metadata.labels",
            key.Namespace is null ? $"{key.Kind} {key.Name}" : $"{key.Kind} {key.Namespace}/{key.Name}", context);
        return new MappedObject(new ClusterObject(meta, row.Map(model, context)), context.Warnings);
    }
}
