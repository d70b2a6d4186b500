using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Cluster;

namespace Palisade.Detection.Tests.Scenarios.Audit.State;

/// <summary>
/// The cluster's objects at one moment, keyed by (Kind, namespace, name): what <c>--cluster</c> holds at the
/// start and what the generator's own replay makes of it after each applied write. Immutable from outside:
/// <see cref="With"/> and <see cref="Without"/> return new states, so every state in a history stays readable.
/// </summary>
public sealed class ClusterState
{
    private readonly SortedDictionary<string, JsonObject> _objects;

    private ClusterState(SortedDictionary<string, JsonObject> objects)
    {
        _objects = objects;
    }

    public static ClusterState Of(IEnumerable<JsonObject> objects)
    {
        var map = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var o in objects)
            map.Add(Key(o), Json.Copy(o));
        return new ClusterState(map);
    }

    /// <summary>The cluster the flow scenarios use, as objects (namespaces, nodes, workloads, pods, Services, policies, extras).</summary>
    public static ClusterState Of(ClusterSpec cluster) => Of(ManifestObjects.Files(cluster).SelectMany(f => f.Objects));

    public IEnumerable<JsonObject> Objects => _objects.Values;

    public static string Key(string kind, string? ns, string name) => $"{kind}|{ns}|{name}";

    public static string Key(JsonObject o) =>
        Key(o["kind"]!.GetValue<string>(), o["metadata"]?["namespace"]?.GetValue<string>(), o["metadata"]!["name"]!.GetValue<string>());

    /// <summary>A copy of the object, or null.</summary>
    public JsonObject? Get(string kind, string? ns, string name) =>
        _objects.TryGetValue(Key(kind, ns, name), out var o) ? Json.Copy(o) : null;

    public JsonObject? Get(ApiResource resource, string? ns, string name) => Get(resource.Kind, resource.Namespaced ? ns : null, name);

    /// <summary>The objects of a Kind (in a namespace, or all).</summary>
    public IEnumerable<JsonObject> All(string kind, string? ns = null) =>
        _objects.Values.Where(o => o["kind"]!.GetValue<string>() == kind && (ns is null || o["metadata"]?["namespace"]?.GetValue<string>() == ns)).Select(Json.Copy);

    public ClusterState With(JsonObject o)
    {
        var copy = new SortedDictionary<string, JsonObject>(_objects, StringComparer.Ordinal) { [Key(o)] = Json.Copy(o) };
        return new ClusterState(copy);
    }

    public ClusterState Without(IEnumerable<string> keys)
    {
        var copy = new SortedDictionary<string, JsonObject>(_objects, StringComparer.Ordinal);
        foreach (var key in keys)
            copy.Remove(key);
        return new ClusterState(copy);
    }

    /// <summary>Writes the state as manifests, one YAML file per Kind (what <c>--cluster</c> and <c>connectivity</c> read).</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var group in _objects.Values.GroupBy(o => o["kind"]!.GetValue<string>()))
            File.WriteAllText(Path.Combine(directory, group.Key.ToLowerInvariant() + ".yaml"), YamlEmitter.Documents(group));
    }

    /// <summary>A fingerprint of the whole state (states are compared when caching connectivity).</summary>
    public string Fingerprint() => string.Join("\n", _objects.Values.Select(Json.Line));
}
