using System.Globalization;
using System.Text.Json.Nodes;

namespace Palisade.Audit.Timeline;

/// <summary>
/// What a patch says of its object when the body it applied to is unknown (a log replayed without <c>--cluster</c>, an
/// object the cluster lacks, or a patch that does not apply to the replayed body): the patch applied to an empty body.
/// A merge patch gives the fields it sets; JSON Patch operations that add or replace create the containers they need,
/// and those that remove, move, copy or test are left out (what they act on is unknown). Only the fields a patch names
/// mean anything in the result: rules judge them as changed from an unknown past.
/// </summary>
public static class PartialPatch
{
    /// <summary>The fields the patch sets, as a body; null when it sets none.</summary>
    public static JsonObject? Apply(JsonNode? patch)
    {
        if (patch is JsonArray operations)
        {
            var root = new JsonObject();
            foreach (var operation in operations)
            {
                if (operation is JsonObject op && Text(op["op"]) is "add" or "replace" && Text(op["path"]) is { Length: > 1 } path && path[0] == '/')
                    Set(root, path[1..].Split('/'), op["value"]?.DeepClone());
            }
            return root.Count > 0 ? root : null;
        }
        return patch is JsonObject ? MergePatch.Apply(new JsonObject(), patch) as JsonObject : null;
    }

    private static void Set(JsonObject root, string[] tokens, JsonNode? value)
    {
        JsonNode container = root;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
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
                    // Elements before it are unknown: the element is the list's only known one.
                    if (last)
                    {
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
