namespace Palisade.Audit.Events;

/// <summary>
/// Audit ids as values: the API server's ids are UUIDs, which sets of remembered ids keep as 16-byte values
/// rather than strings, so that hundreds of thousands of them cost the garbage collector nothing to trace.
/// </summary>
public static class AuditIds
{
    /// <summary>
    /// Whether the id is a UUID in its canonical lower-case form, the only form whose value stands for the text
    /// (an upper-case or braced id is a different string, so it stays a string).
    /// </summary>
    public static bool TryUuid(string id, out Guid uuid)
    {
        uuid = default;
        return id.Length == 36 && !HasUpperCase(id) && Guid.TryParseExact(id, "D", out uuid);
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
