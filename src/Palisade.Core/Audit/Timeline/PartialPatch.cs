using System.Globalization;
using System.Text.Json.Nodes;

namespace Palisade.Audit.Timeline;

/// <summary>
/// What a patch says of its object when the body it applied to is unknown (a log replayed without <c>--cluster</c>, an
/// object the cluster lacks, or a patch that does not apply to the replayed body): the patch applied to what earlier
/// requests are known to have set since the body was lost, else to an empty body. A merge patch gives the fields it
/// sets; JSON Patch operations that add or replace create the containers they need (an element replaced by its index in
/// a list of known elements leaves only itself known: which one it replaced is unknown), and those that remove, move or
/// copy make what they touch unknown again (the whole list, for an element). Only the fields named mean anything in the
/// result: rules judge them as changed from what was known, else from an unknown past.
/// </summary>
public static class PartialPatch
{
    /// <summary>
    /// The fields known after the patch, as a body (<paramref name="known"/>, the fields known before, is not modified);
    /// null when none is known.
    /// </summary>
    public static JsonObject? Apply(JsonNode? patch, JsonObject? known = null)
    {
        if (patch is JsonArray operations)
        {
            var root = known?.DeepClone() as JsonObject ?? new JsonObject();
            foreach (var operation in operations)
            {
                if (operation is not JsonObject op)
                    continue;
                var kind = Text(op["op"]);
                if (kind is "move" && Pointer(op["from"]) is { } from)
                    Forget(root, from);
                if (kind is "remove" or "move" or "copy" && Pointer(op["path"]) is { } gone)
                    Forget(root, gone);
                else if (kind is "add" or "replace" && Pointer(op["path"]) is { } path)
                    Set(root, path, op["value"]?.DeepClone(), replace: kind == "replace");
            }
            return root.Count > 0 ? root : null;
        }
        return patch is JsonObject && MergePatch.Apply(known ?? new JsonObject(), patch) is JsonObject { Count: > 0 } merged ? merged : null;
    }

    /// <summary>The tokens of a JSON Pointer below the root, unescaped; null for the root or no pointer.</summary>
    private static string[]? Pointer(JsonNode? node) =>
        Text(node) is { Length: > 1 } path && path[0] == '/'
            ? [.. path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))]
            : null;

    /// <summary>Makes the field at the path unknown: the member removed, or, for a list's element, the whole list.</summary>
    private static void Forget(JsonObject root, string[] tokens)
    {
        JsonNode? container = root;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (container is not JsonObject obj || !obj.TryGetPropertyValue(tokens[i], out var next))
                return;
            if (i == tokens.Length - 1 || next is JsonArray)
            {
                obj.Remove(tokens[i]);
                return;
            }
            container = next;
        }
    }

    private static void Set(JsonObject root, string[] tokens, JsonNode? value, bool replace)
    {
        JsonNode container = root;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            var last = i == tokens.Length - 1;
            // The container a missing step needs: a list when the next token indexes one.
            JsonNode Next() => i + 1 < tokens.Length && (tokens[i + 1] == "-" || IsIndex(tokens[i + 1])) ? new JsonArray() : new JsonObject();
            switch (container)
            {
                case JsonObject obj when last:
                    obj[token] = value;
                    return;
                case JsonObject obj:
                    if (obj[token] is not (JsonObject or JsonArray))
                        obj[token] = Next();
                    container = obj[token]!;
                    break;
                case JsonArray array when token == "-" || IsIndex(token):
                    // Elements before it are unknown: the element is one more known one, or, replacing one whose place
                    // is unknown, the only one.
                    if (last)
                    {
                        if (replace && token != "-")
                            array.Clear();
                        array.Add(value);
                        return;
                    }
                    var element = Next();
                    array.Add(element);
                    container = element;
                    break;
                default:
                    return;
            }
        }
    }

    private static bool IsIndex(string token) => int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
