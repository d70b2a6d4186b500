using System.Globalization;
using System.Text.Json.Nodes;

namespace Palisade.Audit.Timeline;

/// <summary>JSON Patch (RFC 6902): add, remove, replace, move, copy and test, applied to a copy of the target.</summary>
public static class JsonPatch
{
    /// <summary>The target with the operations applied; null when an operation does not apply (the result is then unknown).</summary>
    public static JsonNode? Apply(JsonNode? target, JsonArray operations)
    {
        var document = new JsonObject { ["root"] = target?.DeepClone() };
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || !Run(document, op))
                return null;
        }
        return document["root"]?.DeepClone();
    }

    private static bool Run(JsonObject document, JsonObject op)
    {
        var kind = Text(op["op"]);
        var path = Text(op["path"]);
        if (kind is null || path is null)
            return false;
        return kind switch
        {
            "add" => Add(document, path, op["value"]?.DeepClone()),
            "remove" => Remove(document, path, out _),
            "replace" => Remove(document, path, out _) && Add(document, path, op["value"]?.DeepClone()),
            "move" => Text(op["from"]) is { } from && Remove(document, from, out var moved) && Add(document, path, moved),
            "copy" => Text(op["from"]) is { } source && Get(document, source, out var copied) && Add(document, path, copied?.DeepClone()),
            "test" => Get(document, path, out var actual) && JsonNode.DeepEquals(actual, op["value"]),
            _ => false,
        };
    }

    /// <summary>The member's string; null when it is absent or not a string (the operation then does not apply, rather than stopping the replay).</summary>
    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool Add(JsonObject document, string path, JsonNode? value)
    {
        if (!Parent(document, path, out var parent, out var token))
            return false;
        switch (parent)
        {
            case JsonObject obj:
                obj[token] = value;
                return true;
            case JsonArray array when token == "-":
                array.Add(value);
                return true;
            case JsonArray array when Index(token, array.Count + 1, out var index):
                array.Insert(index, value);
                return true;
            default:
                return false;
        }
    }

    private static bool Remove(JsonObject document, string path, out JsonNode? removed)
    {
        removed = null;
        if (!Parent(document, path, out var parent, out var token))
            return false;
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(token, out removed):
                removed = removed?.DeepClone();
                obj.Remove(token);
                return true;
            case JsonArray array when Index(token, array.Count, out var index):
                removed = array[index]?.DeepClone();
                array.RemoveAt(index);
                return true;
            default:
                return false;
        }
    }

    private static bool Get(JsonObject document, string path, out JsonNode? value)
    {
        value = null;
        if (!Parent(document, path, out var parent, out var token))
            return false;
        return parent switch
        {
            JsonObject obj => obj.TryGetPropertyValue(token, out value),
            JsonArray array when Index(token, array.Count, out var index) => (value = array[index]) is var _,
            _ => false,
        };
    }

    /// <summary>The container the pointer's last token is in, walking from the document's root member.</summary>
    private static bool Parent(JsonObject document, string pointer, out JsonNode? parent, out string token)
    {
        parent = document;
        token = "root";
        if (pointer.Length > 0 && pointer[0] != '/')
            return false;
        var tokens = pointer.Length == 0 ? [] : pointer[1..].Split('/');
        foreach (var raw in tokens)
        {
            var next = parent switch
            {
                JsonObject obj => obj.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray array when Index(token, array.Count, out var i) => array[i],
                _ => null,
            };
            if (next is null)
                return false;
            parent = next;
            token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }
        return true;
    }

    private static bool Index(string token, int count, out int index) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index < count;
}
