using System.Collections;

namespace Palisade.Model;

/// <summary>The metadata of every object of a cluster, in the order read, found by key.</summary>
public sealed class ObjectIndex : IReadOnlyCollection<ObjectMeta>
{
    private readonly List<ObjectMeta> _objects = [];
    private readonly Dictionary<ObjectKey, ObjectMeta> _byKey = [];

    /// <summary>No objects.</summary>
    public static readonly ObjectIndex Empty = new([]);

    /// <summary>Indexes the objects; of two with one key, the first is found.</summary>
    public ObjectIndex(IEnumerable<ObjectMeta> objects)
    {
        foreach (var meta in objects)
        {
            _objects.Add(meta);
            _byKey.TryAdd(meta.Key, meta);
        }
    }

    /// <inheritdoc />
    public int Count => _objects.Count;

    /// <summary>The object's metadata, when it was read.</summary>
    public ObjectMeta? Find(ObjectKey key) => _byKey.GetValueOrDefault(key);

    /// <inheritdoc />
    public IEnumerator<ObjectMeta> GetEnumerator() => _objects.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
