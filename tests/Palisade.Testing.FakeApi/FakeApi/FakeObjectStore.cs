using System.Text.Json.Nodes;

namespace Palisade.Testing.FakeApi;

/// <summary>
/// The objects of a fake server by resource, in the real server's order (by namespace, then name), each stamped
/// with a resourceVersion from one counter as etcd would.
/// </summary>
internal sealed class FakeObjectStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<FakeResource, SortedDictionary<string, JsonObject>> objects = [];
    private long revision = 1;

    /// <summary>The resourceVersion of the newest write.</summary>
    public long Revision
    {
        get { lock (gate) return revision; }
    }

    /// <summary>Stores (or replaces) a copy of the object and returns the copy.</summary>
    public JsonObject Put(FakeResource resource, JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        var metadata = copy["metadata"] as JsonObject ?? throw new ArgumentException("the object has no metadata", nameof(obj));
        if (metadata["name"]?.GetValue<string>() is not { Length: > 0 })
            throw new ArgumentException("the object has no metadata.name", nameof(obj));
        if (resource.Namespaced && metadata["namespace"] is null)
            metadata["namespace"] = "default";
        if (!resource.Namespaced)
            metadata.Remove("namespace");
        lock (gate)
        {
            metadata["resourceVersion"] = (++revision).ToString(System.Globalization.CultureInfo.InvariantCulture);
            metadata["uid"] ??= Guid.NewGuid().ToString();
            if (!objects.TryGetValue(resource, out var items))
                objects[resource] = items = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            items[Key(copy)] = copy;
        }
        return copy;
    }

    /// <summary>The objects of the resource in key order, those of one namespace when it is given.</summary>
    public IReadOnlyList<(string Key, JsonObject Object)> List(FakeResource resource, string? ns)
    {
        lock (gate)
        {
            if (!objects.TryGetValue(resource, out var items))
                return [];
            return items.Where(e => ns is null || Namespace(e.Value) == ns).Select(e => (e.Key, e.Value)).ToList();
        }
    }

    /// <summary>One object by namespace and name, or null.</summary>
    public JsonObject? Get(FakeResource resource, string? ns, string name)
    {
        lock (gate)
            return objects.TryGetValue(resource, out var items) && items.TryGetValue(Key(ns, name), out var o) ? o : null;
    }

    /// <summary>The key the real server sorts by: <c>namespace/name</c>, or <c>name</c> when cluster-scoped.</summary>
    private static string Key(JsonObject obj) => Key(Namespace(obj), obj["metadata"]!["name"]!.GetValue<string>());

    private static string Key(string? ns, string name) => ns is null ? name : $"{ns}/{name}";

    private static string? Namespace(JsonObject obj) => obj["metadata"]?["namespace"]?.GetValue<string>();
}
