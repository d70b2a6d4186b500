using Palisade.Audit.Events;

namespace Palisade.Audit.Timeline;

/// <summary>
/// The audit ids of the last requests released by <see cref="RequestOrder"/>, each with the identity of its request
/// (<see cref="AuditEvent.RequestIdentity"/>), so that a stage arriving after its request was released is recognised, and a
/// later request reusing the id is not taken for one. UUIDs are kept as values (<see cref="AuditIds"/>), other ids (GKE
/// insert ids) as they are: exact, no hashing collisions. Not thread-safe.
/// </summary>
internal sealed class ReleasedIds(int capacity)
{
    private readonly Dictionary<Guid, int> _uuids = [];
    private readonly Dictionary<string, int> _others = new(StringComparer.Ordinal);
    private readonly Queue<(Guid Uuid, string? Other)> _order = new();

    /// <summary>The identity of the request released under the id, if it is one of the last remembered.</summary>
    public int? IdentityOf(string auditId) =>
        (AuditIds.TryUuid(auditId, out var uuid) ? _uuids.TryGetValue(uuid, out var identity) : _others.TryGetValue(auditId, out identity))
            ? identity : null;

    /// <summary>Remembers the id, forgetting the oldest beyond the capacity.</summary>
    public void Add(string auditId, int identity)
    {
        var isUuid = AuditIds.TryUuid(auditId, out var uuid);
        if (!(isUuid ? _uuids.TryAdd(uuid, identity) : _others.TryAdd(auditId, identity)))
            return;
        _order.Enqueue(isUuid ? (uuid, null) : (default, auditId));
        if (_order.Count <= capacity)
            return;
        var (oldUuid, oldOther) = _order.Dequeue();
        if (oldOther is null)
            _uuids.Remove(oldUuid);
        else
            _others.Remove(oldOther);
    }
}
