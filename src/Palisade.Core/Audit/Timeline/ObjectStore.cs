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
    private readonly ImmutableDictionary<ObjectKey, JsonNode> _former;

    private ObjectStore(ImmutableDictionary<ObjectKey, JsonNode> objects, ImmutableHashSet<ObjectKey> unknown, ImmutableDictionary<ObjectKey, JsonNode> former)
    {
        _objects = objects;
        _unknown = unknown;
        _former = former;
    }

    /// <summary>No objects.</summary>
    public static readonly ObjectStore Empty = new(ImmutableDictionary<ObjectKey, JsonNode>.Empty, [], ImmutableDictionary<ObjectKey, JsonNode>.Empty);

    /// <summary>A store holding the given bodies (the initial cluster); of a key given twice, the later body.</summary>
    public static ObjectStore Of(IEnumerable<KeyValuePair<ObjectKey, JsonNode>> objects) =>
        new(ImmutableDictionary<ObjectKey, JsonNode>.Empty.SetItems(objects), [], ImmutableDictionary<ObjectKey, JsonNode>.Empty);

    /// <summary>Every object with a known body.</summary>
    public IEnumerable<KeyValuePair<ObjectKey, JsonNode>> Objects => _objects;

    /// <summary>Objects whose body is unknown.</summary>
    public IReadOnlyCollection<ObjectKey> Unknown => _unknown;

    /// <summary>The object's body, or null when absent or unknown.</summary>
    public JsonNode? Get(ObjectKey key) => _objects.GetValueOrDefault(key);

    /// <summary>Whether the object's body is unknown.</summary>
    public bool IsUnknown(ObjectKey key) => _unknown.Contains(key);

    /// <summary>
    /// The last body known of an object whose body is now unknown, or null: no longer what the object holds, but what a
    /// write cannot have changed still tells (its controller: a ReplicaSet the deployment controller scaled at Metadata
    /// level is still its Deployment's).
    /// </summary>
    public JsonNode? Former(ObjectKey key) => _former.GetValueOrDefault(key);

    /// <summary>The unknown objects whose last known body is kept (see <see cref="Former"/>).</summary>
    public IEnumerable<KeyValuePair<ObjectKey, JsonNode>> FormerObjects => _former;

    /// <summary>
    /// The store where unknown objects of the kinds hold their last known body again (still listed as unknown): a pod
    /// written without its body but not deleted is still where it was, with its address and owner.
    /// </summary>
    public ObjectStore WithFormer(IReadOnlySet<string> kinds)
    {
        var objects = _objects;
        foreach (var (key, body) in _former)
        {
            if (kinds.Contains(key.Kind))
                objects = objects.SetItem(key, body);
        }
        return ReferenceEquals(objects, _objects) ? this : new ObjectStore(objects, _unknown, _former);
    }

    /// <summary>The store with the object's body set (null removes the object).</summary>
    public ObjectStore Set(ObjectKey key, JsonNode? body) => body is null
        ? new ObjectStore(_objects.Remove(key), _unknown.Remove(key), _former.Remove(key))
        : new ObjectStore(_objects.SetItem(key, body), _unknown.Remove(key), _former.Remove(key));

    /// <summary>The store with the object marked unknown (its last body is dropped: it no longer holds; see <see cref="Former"/>).</summary>
    public ObjectStore MarkUnknown(ObjectKey key) =>
        new(_objects.Remove(key), _unknown.Add(key), _objects.TryGetValue(key, out var last) ? _former.SetItem(key, last) : _former);

    /// <summary>The store without the objects the predicate picks.</summary>
    public ObjectStore RemoveWhere(Func<ObjectKey, JsonNode, bool> predicate)
    {
        var removed = _objects.Where(p => predicate(p.Key, p.Value)).Select(p => p.Key).ToArray();
        var forgotten = _former.Where(p => predicate(p.Key, p.Value)).Select(p => p.Key).ToArray();
        return removed.Length == 0 && forgotten.Length == 0 ? this
            : new ObjectStore(_objects.RemoveRange(removed), _unknown, _former.RemoveRange(forgotten));
    }
}
