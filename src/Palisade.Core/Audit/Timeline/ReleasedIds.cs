using Palisade.Audit.Events;

namespace Palisade.Audit.Timeline;

/// <summary>
/// The audit ids of the last requests released by <see cref="RequestOrder"/>, so that a stage arriving after its
/// request was released is recognised. UUIDs are kept as values (<see cref="AuditIds"/>), other ids (GKE insert
/// ids) as they are: exact, no hashing collisions. Not thread-safe.
/// </summary>
internal sealed class ReleasedIds(int capacity)
{
    private readonly HashSet<Guid> _uuids = [];
    private readonly HashSet<string> _others = new(StringComparer.Ordinal);
    private readonly Queue<(Guid Uuid, string? Other)> _order = new();

    /// <summary>Whether the id is one of the last remembered.</summary>
    public bool Contains(string auditId) =>
        AuditIds.TryUuid(auditId, out var uuid) ? _uuids.Contains(uuid) : _others.Contains(auditId);

    /// <summary>Remembers the id, forgetting the oldest beyond the capacity.</summary>
    public void Add(string auditId)
    {
        var isUuid = AuditIds.TryUuid(auditId, out var uuid);
        if (!(isUuid ? _uuids.Add(uuid) : _others.Add(auditId)))
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
