using System.Text.Json.Nodes;
using Palisade.Model;

namespace Palisade.Audit.Timeline;

/// <summary>
/// What each field manager owns of each object by server-side apply, as the log shows it, so that its next apply removes
/// what it owned and leaves out now, as the API server's field management does (a manifest that drops a label, a
/// container or a port drops it from the object). Fields the manager never applied stay, and so do those it applied as
/// another manager had already set them (shared, they stay with the other): other managers own them. An object deleted
/// forgets what was applied to it. Not thread-safe.
/// </summary>
internal sealed class AppliedConfigurations
{
    private readonly Dictionary<ObjectKey, Dictionary<string, JsonObject>> _applied = [];

    /// <summary>
    /// The previous body without what <paramref name="manager"/> owns and does not apply in
    /// <paramref name="configuration"/> (a copy when anything goes); the body itself when the log shows no earlier apply.
    /// </summary>
    public JsonNode Prune(ObjectKey key, string manager, JsonNode previous, JsonObject configuration)
    {
        if (previous is not JsonObject body || !_applied.TryGetValue(key, out var managers) || !managers.TryGetValue(manager, out var last))
            return previous;
        var pruned = (JsonObject)body.DeepClone();
        Prune(pruned, last, configuration, []);
        return pruned;
    }

    /// <summary>
    /// Remembers what the manager owns of the object after applying <paramref name="configuration"/> to
    /// <paramref name="previous"/> (the body before the request; null when it created the object): what it owned already
    /// and still applies, and what it changed or added. A value it applied as another manager had set it is shared, and
    /// stays with the other when this one drops it.
    /// </summary>
    public void Remember(ObjectKey key, string manager, JsonObject configuration, JsonNode? previous)
    {
        if (!_applied.TryGetValue(key, out var managers))
            _applied[key] = managers = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        managers.TryGetValue(manager, out var owned);
        managers[manager] = Owned(configuration, previous as JsonObject, owned);
    }

    private static JsonObject Owned(JsonObject configuration, JsonObject? before, JsonObject? owned)
    {
        var result = new JsonObject();
        foreach (var (name, value) in configuration)
        {
            if (name.StartsWith('$') || value is null)
                continue;
            JsonNode? was = null;
            var existed = before?.TryGetPropertyValue(name, out was) == true;
            JsonNode? ownedValue = null;
            var ownedBefore = owned?.TryGetPropertyValue(name, out ownedValue) == true;
            if (value is JsonObject map && was is JsonObject wasMap)
            {
                var inner = Owned(map, wasMap, ownedValue as JsonObject);
                if (inner.Count > 0)
                    result[name] = inner;
            }
            else if (ownedBefore || !existed || !JsonNode.DeepEquals(was, value))
                result[name] = value.DeepClone();
        }
        return result;
    }

    /// <summary>What each manager owns of the object by server-side apply, null when the log shows no apply of it.</summary>
    public IReadOnlyDictionary<string, JsonObject>? Of(ObjectKey key) => _applied.GetValueOrDefault(key);

    /// <summary>Takes what each manager owns of the object as an earlier replay knew it (<see cref="Of"/>); not modified.</summary>
    public void Set(ObjectKey key, IReadOnlyDictionary<string, JsonObject> managers) =>
        _applied[key] = new Dictionary<string, JsonObject>(managers, StringComparer.Ordinal);

    /// <summary>Forgets what was applied to an object that is gone.</summary>
    public void Forget(ObjectKey key) => _applied.Remove(key);

    private static void Prune(JsonObject target, JsonObject last, JsonObject now, List<string> path)
    {
        foreach (var (name, lastValue) in last)
        {
            // The object's identity is the request's, whatever the configuration spells out.
            if (name.StartsWith('$') || path.Count == 0 && name is "apiVersion" or "kind" || path is ["metadata"] && name is "name" or "namespace"
                || !target.TryGetPropertyValue(name, out var current))
                continue;
            now.TryGetPropertyValue(name, out var nowValue);
            path.Add(name);
            switch (current, lastValue, nowValue)
            {
                // A map the manager applied keys of: only those keys are its own.
                case (JsonObject map, JsonObject lastMap, JsonObject or null):
                    Prune(map, lastMap, nowValue as JsonObject ?? [], path);
                    if (map.Count == 0 && nowValue is null)
                        target.Remove(name);
                    break;
                // A list merged by key: the elements the manager applied are its own.
                case (JsonArray list, JsonArray lastList, JsonArray or null) when MergePatch.MergeKey(path) is { } mergeKey:
                    PruneList(list, lastList, nowValue as JsonArray ?? [], mergeKey, path);
                    if (list.Count == 0 && nowValue is null)
                        target.Remove(name);
                    break;
                // A value or an atomic list: the manager's whole, gone when it no longer applies it.
                case (_, _, null):
                    target.Remove(name);
                    break;
            }
            path.RemoveAt(path.Count - 1);
        }
    }

    private static void PruneList(JsonArray list, JsonArray last, JsonArray now, string mergeKey, List<string> path)
    {
        foreach (var element in last)
        {
            if (element is not JsonObject lastElement || lastElement[mergeKey] is not { } id)
                continue;
            var at = IndexOf(list, mergeKey, id);
            if (at < 0)
                continue;
            var kept = IndexOf(now, mergeKey, id) is var i and >= 0 ? now[i] as JsonObject : null;
            if (kept is null)
                list.RemoveAt(at);
            else if (list[at] is JsonObject current)
                Prune(current, lastElement, kept, path);
        }
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
}
