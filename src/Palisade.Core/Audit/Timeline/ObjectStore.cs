using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Palisade.Model;

namespace Palisade.Audit.Timeline;

/// <summary>
/// The replayed objects at one moment: the last known body of each object by key, and the objects whose
/// body is unknown (written by a request recorded without its body). Persistent: every change returns a new
/// store sharing the rest, so earlier moments stay available. Bodies are never modified once stored.
/// Immutable and safe for concurrent readers.
/// </summary>
public sealed class ObjectStore
{
    private readonly ImmutableDictionary<ObjectKey, JsonNode> _objects;
    private readonly ImmutableHashSet<ObjectKey> _unknown;

    private ObjectStore(ImmutableDictionary<ObjectKey, JsonNode> objects, ImmutableHashSet<ObjectKey> unknown)
    {
        _objects = objects;
        _unknown = unknown;
    }

    /// <summary>No objects.</summary>
    public static readonly ObjectStore Empty = new(ImmutableDictionary<ObjectKey, JsonNode>.Empty, []);

    /// <summary>A store holding the given bodies (the initial cluster).</summary>
    public static ObjectStore Of(IEnumerable<KeyValuePair<ObjectKey, JsonNode>> objects) =>
        new(ImmutableDictionary.CreateRange(objects), []);

    /// <summary>Every object with a known body.</summary>
    public IEnumerable<KeyValuePair<ObjectKey, JsonNode>> Objects => _objects;

    /// <summary>Objects whose body is unknown.</summary>
    public IReadOnlyCollection<ObjectKey> Unknown => _unknown;

    /// <summary>The object's body, or null when absent or unknown.</summary>
    public JsonNode? Get(ObjectKey key) => _objects.GetValueOrDefault(key);

    /// <summary>Whether the object's body is unknown.</summary>
    public bool IsUnknown(ObjectKey key) => _unknown.Contains(key);

    /// <summary>The store with the object's body set (null removes the object).</summary>
    public ObjectStore Set(ObjectKey key, JsonNode? body) => body is null
        ? new ObjectStore(_objects.Remove(key), _unknown.Remove(key))
        : new ObjectStore(_objects.SetItem(key, body), _unknown.Remove(key));

    /// <summary>The store with the object marked unknown (its last body is dropped: it no longer holds).</summary>
    public ObjectStore MarkUnknown(ObjectKey key) => new(_objects.Remove(key), _unknown.Add(key));

    /// <summary>The store without the objects the predicate picks.</summary>
    public ObjectStore RemoveWhere(Func<ObjectKey, JsonNode, bool> predicate)
    {
        var removed = _objects.Where(p => predicate(p.Key, p.Value)).Select(p => p.Key).ToArray();
        return removed.Length == 0 ? this : new ObjectStore(_objects.RemoveRange(removed), _unknown);
    }
}
