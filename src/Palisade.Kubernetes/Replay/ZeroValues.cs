using System.Text.Json.Nodes;

namespace Palisade.Kubernetes.Replay;

/// <summary>
/// A replayed body as the API server decoded it where JSON null stands in a list: Go reads a null element as the zero value
/// of the element type, so <c>ingress: [null]</c> (a YAML list item left empty, sent by kubectl apply or a merge patch) is
/// stored as <c>ingress: [{}]</c>. The client models and the mappers read no null elements.
/// </summary>
internal static class ZeroValues
{
    /// <summary>
    /// The body with each null list element as its zero value (an empty string among strings, else an empty object), a copy;
    /// the body itself when no list of it holds a null.
    /// </summary>
    public static JsonNode Fill(JsonNode body)
    {
        if (!HasNullElement(body))
            return body;
        var copy = body.DeepClone();
        Replace(copy);
        return copy;
    }

    private static bool HasNullElement(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    if (HasNullElement(value))
                        return true;
                }
                return false;
            case JsonArray array:
                foreach (var element in array)
                {
                    if (element is null || HasNullElement(element))
                        return true;
                }
                return false;
            default:
                return false;
        }
    }

    private static void Replace(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                    Replace(value);
                break;
            case JsonArray array:
                var strings = false;
                foreach (var element in array)
                    strings |= element is JsonValue v && v.TryGetValue<string>(out _);
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is null)
                        array[i] = strings ? JsonValue.Create("") : new JsonObject();
                    else
                        Replace(array[i]);
                }
                break;
        }
    }
}
