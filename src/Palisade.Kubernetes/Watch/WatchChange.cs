using System.Text.Json.Nodes;
using Palisade.Model;

namespace Palisade.Kubernetes.Watch;

/// <summary>What a reflector reports: every object of a kind after a (re)list, or one object added, changed or deleted.</summary>
public enum WatchChangeType
{
    /// <summary>The kind's objects are exactly these (a list, first or after the watch expired).</summary>
    Replaced,

    /// <summary>The object was added or changed.</summary>
    Upserted,

    /// <summary>The object was deleted.</summary>
    Deleted,
}

/// <summary>
/// One watched object in Core's terms: its key, the mapped object (null when the mapper refused it: then
/// <see cref="Warning"/> says why and the model leaves it out, as an audit replay does), its JSON body (with kind and
/// apiVersion, as the audit replay's stores hold bodies) and its resourceVersion. Immutable; the body is never modified.
/// </summary>
public sealed record WatchedObject(ObjectKey Key, ClusterObject? Object, JsonNode Body, string ResourceVersion)
{
    /// <summary>Why the object could not be mapped; null when it was.</summary>
    public string? Warning { get; init; }
}

/// <summary>A change a reflector saw, for one kind, when it was received.</summary>
public sealed record WatchChange(string Kind, WatchChangeType Type, IReadOnlyList<WatchedObject> Objects, DateTimeOffset Received)
{
    /// <summary>The objects, compared element by element.</summary>
    public IReadOnlyList<WatchedObject> Objects { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Objects);

    /// <summary>
    /// For a <see cref="WatchChangeType.Replaced"/> without objects: the server refused to list or watch the kind (403), in
    /// its words. The kind is not read: what was read of it before stays, and the reflector keeps trying.
    /// </summary>
    public string? Refused { get; init; }
}
