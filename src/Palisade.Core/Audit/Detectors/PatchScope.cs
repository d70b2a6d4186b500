using System.Text.Json;
using Palisade.Audit.Events;

namespace Palisade.Audit.Detectors;

/// <summary>
/// Whether a request could have changed a field, told from the request alone. Rules that judge a change compare the
/// object before and after; when the object was unknown before (a log replayed without <c>--cluster</c>), a patch
/// that never names the field (<c>kubectl label</c>, <c>annotate</c>, <c>rollout restart</c>) did not change it,
/// whatever the response shows the object holds.
/// </summary>
internal static class PatchScope
{
    /// <summary>
    /// False only for a patch whose body is known and names neither the field, nor a field above it, nor one below it;
    /// true for every other request (a create or an update sends the whole object).
    /// </summary>
    public static bool Touches(AuditEvent e, params string[] path)
    {
        if (e.Verb != "patch" || e.RequestBody is not { } body)
            return true;
        return body.Kind switch
        {
            JsonValueKind.Array => JsonPatchTouches(body.Element, path),
            JsonValueKind.Object => MergePatchTouches(body.Element, path),
            _ => true,
        };
    }

    /// <summary>A merge or strategic merge patch: the field is touched when the patch reaches it, or replaces a map above it.</summary>
    private static bool MergePatchTouches(JsonElement patch, string[] path)
    {
        foreach (var step in path)
        {
            if (patch.ValueKind != JsonValueKind.Object)
                return true;
            // A strategic "$patch": "replace" or "delete" rewrites the whole map, the field with it.
            if (patch.TryGetProperty("$patch", out _) || patch.TryGetProperty("$retainKeys", out _))
                return true;
            if (!patch.TryGetProperty(step, out patch))
                return false;
        }
        return true;
    }

    /// <summary>A JSON Patch: the field is touched when an operation's path or source is the field, above it or below it.</summary>
    private static bool JsonPatchTouches(JsonElement operations, string[] path)
    {
        var pointer = "/" + string.Join('/', path);
        foreach (var operation in operations.EnumerateArray())
        {
            if (operation.ValueKind != JsonValueKind.Object)
                return true;
            // A test changes nothing.
            if (operation.TryGetProperty("op", out var op) && op.ValueKind == JsonValueKind.String && op.ValueEquals("test"))
                continue;
            if (Related(operation, "path", pointer) || Related(operation, "from", pointer))
                return true;
        }
        return false;
    }

    private static bool Related(JsonElement operation, string member, string pointer)
    {
        if (!operation.TryGetProperty(member, out var value))
            return false;
        if (value.ValueKind != JsonValueKind.String)
            return true;
        var target = value.GetString()!;
        return IsWithin(target, pointer) || IsWithin(pointer, target);
    }

    /// <summary>Whether the pointer <paramref name="inner"/> is <paramref name="outer"/> or below it.</summary>
    private static bool IsWithin(string inner, string outer) =>
        outer.Length == 0 || inner == outer || inner.StartsWith(outer, StringComparison.Ordinal) && inner.Length > outer.Length && inner[outer.Length] == '/';
}
