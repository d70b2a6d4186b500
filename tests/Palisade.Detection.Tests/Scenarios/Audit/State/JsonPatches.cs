using System.Globalization;
using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Cluster;

namespace Palisade.Detection.Tests.Scenarios.Audit.State;

/// <summary>
/// The generator's own patch application (RFC 7386 merge patch, RFC 6902 JSON Patch), used to know the object
/// after a patch whose responseObject the log leaves out. Strategic merge patches are applied as merge
/// patches: the generator writes none whose meaning differs (see <see cref="PatchKind"/>).
/// </summary>
public static class JsonPatches
{
    public static JsonObject Apply(JsonObject target, JsonNode patch, PatchKind kind) => kind switch
    {
        PatchKind.Json => ApplyJsonPatch(target, (JsonArray)patch),
        PatchKind.Merge or PatchKind.Strategic => (JsonObject)Merge(target, patch)!,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a patch"),
    };

    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p)
            return patch is null ? null : Json.Copy(patch);
        var result = target is JsonObject t ? Json.Copy(t) : new JsonObject();
        foreach (var (key, value) in p)
        {
            if (key.StartsWith('$'))
                throw new InvalidOperationException("strategic merge directives are not generated: " + key);
            if (value is null)
                result.Remove(key);
            else
                result[key] = Merge(result[key], value);
        }
        return result;
    }

    public static JsonObject ApplyJsonPatch(JsonObject target, JsonArray operations)
    {
        JsonNode root = Json.Copy(target);
        foreach (var op in operations.Cast<JsonObject>())
        {
            var path = Pointer(op["path"]!.GetValue<string>());
            switch (op["op"]!.GetValue<string>())
            {
                case "add":
                    Add(root, path, Json.Copy(op["value"]!));
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, Json.Copy(op["value"]!));
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "test":
                    break;
                default:
                    throw new InvalidOperationException("unsupported JSON Patch op " + op["op"]);
            }
        }
        return (JsonObject)root;
    }

    private static string[] Pointer(string path) =>
        [.. path.Split('/').Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    private static JsonNode Parent(JsonNode root, string[] path)
    {
        var node = root;
        foreach (var token in path[..^1])
            node = node is JsonArray a ? a[int.Parse(token, CultureInfo.InvariantCulture)]! : node[token]!;
        return node;
    }

    private static void Add(JsonNode root, string[] path, JsonNode value)
    {
        var parent = Parent(root, path);
        var last = path[^1];
        if (parent is JsonArray array)
        {
            if (last == "-")
                array.Add(value);
            else
                array.Insert(int.Parse(last, CultureInfo.InvariantCulture), value);
        }
        else
        {
            ((JsonObject)parent)[last] = value;
        }
    }

    private static void Remove(JsonNode root, string[] path)
    {
        var parent = Parent(root, path);
        if (parent is JsonArray array)
            array.RemoveAt(int.Parse(path[^1], CultureInfo.InvariantCulture));
        else
            ((JsonObject)parent).Remove(path[^1]);
    }
}
