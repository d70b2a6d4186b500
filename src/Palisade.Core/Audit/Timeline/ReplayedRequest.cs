using Palisade.Audit.Events;
using Palisade.Model;

namespace Palisade.Audit.Timeline;

/// <summary>
/// One request of the audit log, its stages merged, as the replay saw it: the event, the object it named
/// (<c>Kind ns/name</c>, <c>*</c> for collections), whether it changed anything, what it did to each object,
/// and the replayed state before and after it.
/// </summary>
public sealed record ReplayedRequest(AuditEvent Event, string ObjectText, ObjectKey? Key)
{
    /// <summary>Whether the request took effect: allowed, not failed, not a dry run.</summary>
    public bool Applied { get; init; }

    /// <summary>The objects it wrote (several for namespace deletion and deletecollection).</summary>
    public IReadOnlyList<ObjectWrite> Writes { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The replayed state just before the request.</summary>
    public ObjectStore Before { get; init; } = ObjectStore.Empty;

    /// <summary>The replayed state just after it.</summary>
    public ObjectStore After { get; init; } = ObjectStore.Empty;

    /// <summary>
    /// A create whose object has no name yet (<c>generateName</c>, logged without the response that names it): the body
    /// created, with an empty name. Not part of the replayed state, which follows it only once a later write names it
    /// (<see cref="GeneratedNames"/>); rules judge it as created.
    /// </summary>
    public ObjectWrite? Unnamed { get; init; }

    /// <summary>The write to the object the request named, if it wrote one, or its unnamed create.</summary>
    public ObjectWrite? Write => Writes.Count > 0 && Key is { } key ? Writes.FirstOrDefault(w => w.Key == key) : Unnamed;
}
