using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Palisade.Detection.Tests.Scenarios.Cluster;

/// <summary>
/// Terse builders for the Kubernetes objects, flow records and audit events the generator writes: one
/// JSON tree per object, so the same NetworkPolicy can be a YAML manifest and an audit responseObject.
/// </summary>
public static class Json
{
    /// <summary>Compact output that keeps '+', '&lt;' and non-ASCII readable, as real exporters write them.</summary>
    public static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Indented output for the files a person reads (labels.json).</summary>
    public static readonly JsonSerializerOptions Indented = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    /// <summary>An object from (name, value) pairs; null values are left out, as the API server omits them.</summary>
    public static JsonObject Obj(params (string Name, JsonNode? Value)[] properties)
    {
        var result = new JsonObject();
        foreach (var (name, value) in properties)
        {
            if (value is not null)
                result[name] = value;
        }
        return result;
    }

    /// <summary>An array of the given nodes.</summary>
    public static JsonArray Arr(params JsonNode?[] items) => new(items);

    /// <summary>An array of the given nodes.</summary>
    public static JsonArray Arr(IEnumerable<JsonNode?> items) => new([.. items]);

    /// <summary>A string-to-string map (labels, selectors).</summary>
    public static JsonObject Map(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var result = new JsonObject();
        foreach (var (key, value) in pairs)
            result[key] = value;
        return result;
    }

    /// <summary>A string-to-string map from literal pairs.</summary>
    public static JsonObject Map(params (string Key, string Value)[] pairs) =>
        Map(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    /// <summary>A deep copy, because a JsonNode has one parent.</summary>
    public static T Copy<T>(T node) where T : JsonNode => (T)node.DeepClone();

    /// <summary>One line of JSON.</summary>
    public static string Line(JsonNode node) => node.ToJsonString(Compact);
}
