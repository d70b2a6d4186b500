using System.Text.Json.Nodes;

namespace Palisade.Audit.Timeline;

/// <summary>
/// JSON merge patch (RFC 7386), which is also how strategic merge patches apply to the objects replayed
/// here: their maps merge the same way, and the lists that matter (NetworkPolicy rules and peers) have no
/// merge keys, so a strategic merge replaces them too. The strategic directives (<c>$patch</c>,
/// <c>$retainKeys</c>, <c>$setElementOrder/…</c>, <c>$deleteFromPrimitiveList/…</c>) are honoured where
/// they change a map and otherwise dropped.
/// </summary>
public static class MergePatch
{
    /// <summary>The target with the patch applied; neither argument is modified.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
            return patch?.DeepClone();
        // A directive that is not a string means nothing; it is dropped like the others rather than stopping the replay.
        if (patchObject.TryGetPropertyValue("$patch", out var directive) && directive is JsonValue text && text.TryGetValue<string>(out var mode))
        {
            if (mode == "delete")
                return null;
            if (mode == "replace")
                return Strip(patchObject);
        }
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (name.StartsWith('$'))
                continue;
            if (value is null)
            {
                result.Remove(name);
                continue;
            }
            var merged = Apply(result.TryGetPropertyValue(name, out var existing) ? existing : null, value);
            if (merged is null)
                result.Remove(name);
            else
                result[name] = merged;
        }
        return result;
    }

    private static JsonObject Strip(JsonObject patch)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in patch)
        {
            if (!name.StartsWith('$'))
                copy[name] = value?.DeepClone();
        }
        return copy;
    }
}
