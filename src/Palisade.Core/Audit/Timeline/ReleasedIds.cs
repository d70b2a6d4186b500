namespace Palisade.Audit.Timeline;

/// <summary>
/// The audit ids of the last requests released by <see cref="RequestOrder"/>, so that a stage arriving after its
/// request was released is recognised. The API server's ids are UUIDs, kept as 16-byte values rather than strings:
/// hundreds of thousands of remembered ids then cost the garbage collector nothing to trace. Other ids (GKE
/// insert ids) are kept as they are. Exact, no hashing collisions. Not thread-safe.
/// </summary>
internal sealed class ReleasedIds(int capacity)
{
    private readonly HashSet<Guid> _uuids = [];
    private readonly HashSet<string> _others = new(StringComparer.Ordinal);
    private readonly Queue<(Guid Uuid, string? Other)> _order = new();

    /// <summary>Whether the id is one of the last remembered.</summary>
    public bool Contains(string auditId) =>
        IsUuid(auditId, out var uuid) ? _uuids.Contains(uuid) : _others.Contains(auditId);

    /// <summary>Remembers the id, forgetting the oldest beyond the capacity.</summary>
    public void Add(string auditId)
    {
        var isUuid = IsUuid(auditId, out var uuid);
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

    /// <summary>
    /// Whether the id is a UUID in its canonical lower-case form, the only form whose value stands for the text
    /// (an upper-case or braced id is a different string, so it is kept as a string).
    /// </summary>
    private static bool IsUuid(string id, out Guid uuid)
    {
        uuid = default;
        return id.Length == 36 && Guid.TryParseExact(id, "D", out uuid) && !HasUpperCase(id);
    }

    private static bool HasUpperCase(string id)
    {
        foreach (var c in id)
        {
            if (c is >= 'A' and <= 'F')
                return true;
        }
        return false;
    }
}
