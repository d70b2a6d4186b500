using System.Security.Cryptography;
using System.Text;

namespace Palisade.Server.Ingestion;

/// <summary>
/// The identity that makes a retried record a duplicate: the first 16 bytes of SHA-256 over the record's kind, format
/// and text (flows), or over an audit event's auditID and stage (the API server retries a webhook batch whole, and an
/// event keeps its auditID and stage however it is re-encoded).
/// </summary>
public static class RecordHash
{
    /// <summary>The hash of a flow record's text.</summary>
    public static byte[] OfFlow(string format, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.ASCII.GetBytes("flow\0" + format + "\0"));
        sha.AppendData(body);
        return sha.GetHashAndReset()[..16];
    }

    /// <summary>
    /// The hash of an audit event's identity: its request (<see cref="Palisade.Audit.Events.AuditEvent.RequestKey"/>, as a
    /// client may send the id of an earlier request) and stage.
    /// </summary>
    public static byte[] OfAudit(string requestKey, string stage) => SHA256.HashData(Encoding.UTF8.GetBytes($"audit\0{requestKey}\0{stage}"))[..16];
}
