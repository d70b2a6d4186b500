using System.Text.Json.Nodes;

namespace Palisade.Audit.Timeline;

/// <summary>
/// JSON merge patch (RFC 7386) with the strategic merge patch's list rules of the built-in kinds replayed here: the
/// lists Kubernetes declares with a merge key merge element by element (containers, init and ephemeral containers,
/// volumes, env on <c>name</c>; container ports on <c>containerPort</c>; a Service's ports on <c>port</c>; volume
/// mounts on <c>mountPath</c>; owner references on <c>uid</c>), so <c>kubectl set image</c> or <c>kubectl apply</c>
/// sending one container keeps the others and the ports named ports resolve on. Every other list (NetworkPolicy
/// rules and peers, policyTypes, RBAC rules and subjects, externalIPs) has no merge key and is replaced, as both patch
/// types do. The directives <c>$patch</c> (replace, delete; in maps and list elements), <c>$setElementOrder/…</c> are
/// honoured; <c>$retainKeys</c> and <c>$deleteFromPrimitiveList/…</c> are dropped.
/// </summary>
public static class MergePatch
{
    private const string OrderPrefix = "$setElementOrder/";
    private static readonly HashSet<string> Containers = ["containers", "initContainers", "ephemeralContainers"];

    /// <summary>The target with the patch applied; neither argument is modified.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => Apply(target, patch, []);

    private static JsonNode? Apply(JsonNode? target, JsonNode? patch, List<string> path)
    {
        if (patch is not JsonObject patchObject)
            return patch?.DeepClone();
        // A directive that is not a string means nothing; it is dropped like the others rather than stopping the replay.
        if (Directive(patchObject) is { } mode)
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
            path.Add(name);
            result.TryGetPropertyValue(name, out var existing);
            var merged = value is JsonArray list && MergeKey(path) is { } key
                ? MergeList(existing as JsonArray, list, key, patchObject[OrderPrefix + name] as JsonArray, path)
                : Apply(existing, value, path);
            path.RemoveAt(path.Count - 1);
            if (merged is null)
                result.Remove(name);
            else
                result[name] = merged;
        }
        return result;
    }

    /// <summary>The merge key Kubernetes declares for the list at the path, or null for a list that is replaced.</summary>
    internal static string? MergeKey(List<string> path)
    {
        var name = path[^1];
        if (Containers.Contains(name) || name is "volumes" or "env" or "imagePullSecrets")
            return "name";
        return name switch
        {
            "volumeMounts" => "mountPath",
            "ownerReferences" => "uid",
            "ports" when path.Count >= 2 && Containers.Contains(path[^2]) => "containerPort",
            "ports" when path is ["spec", "ports"] => "port",
            _ => null,
        };
    }

    private static JsonArray MergeList(JsonArray? existing, JsonArray patch, string key, JsonArray? order, List<string> path)
    {
        // An element {"$patch": "replace"} makes the list the patch's other elements.
        if (patch.Any(e => e is JsonObject o && Directive(o) == "replace" && o.Count == 1))
            return [.. patch.Where(e => !(e is JsonObject o && o.Count == 1 && Directive(o) == "replace")).Select(e => Apply(null, e, path))];
        var result = existing is null ? [] : (JsonArray)existing.DeepClone();
        foreach (var element in patch)
        {
            var at = element is JsonObject o && o[key] is { } id ? IndexOf(result, key, id) : -1;
            if (element is JsonObject d && Directive(d) == "delete")
            {
                if (at >= 0)
                    result.RemoveAt(at);
                continue;
            }
            if (at >= 0)
                result[at] = Apply(result[at], element, path);
            else
                result.Add(Apply(null, element, path));
        }
        return order is null ? result : Ordered(result, key, order);
    }

    /// <summary>The elements named in <c>$setElementOrder</c> in that order, then the others as they were.</summary>
    private static JsonArray Ordered(JsonArray list, string key, JsonArray order)
    {
        var elements = list.Select(e => e?.DeepClone()).ToList();
        var ordered = new JsonArray();
        foreach (var named in order)
        {
            if (named is not JsonObject o || o[key] is not { } id)
                continue;
            var at = elements.FindIndex(e => e is JsonObject x && JsonNode.DeepEquals(x[key], id));
            if (at < 0)
                continue;
            ordered.Add(elements[at]);
            elements.RemoveAt(at);
        }
        foreach (var rest in elements)
            ordered.Add(rest);
        return ordered;
    }

    private static int IndexOf(JsonArray list, string key, JsonNode id)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && JsonNode.DeepEquals(o[key], id))
                return i;
        }
        return -1;
    }

    private static string? Directive(JsonObject o) =>
        o.TryGetPropertyValue("$patch", out var directive) && directive is JsonValue text && text.TryGetValue<string>(out var mode) ? mode : null;

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
