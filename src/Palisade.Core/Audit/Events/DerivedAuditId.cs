using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Palisade.Audit.Events;

/// <summary>
/// The audit id of an event written without one (hand-written or minimally generated logs): a UUID hashed from what
/// identifies its request otherwise (time, user, verb, object, URI), so the stages of one request share it and a stored
/// event read again alone gets it back. It is in the canonical UUID form so that sets of ids keep it as a value.
/// </summary>
internal static class DerivedAuditId
{
    /// <summary>The id of the request received (or, without that time, staged) at <paramref name="time"/>.</summary>
    public static string Of(DateTimeOffset time, string verb, AuditUser? user, AuditUser? impersonated, AuditObjectRef? objectRef, string? uri)
    {
        var text = new StringBuilder()
            .Append(time.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(verb).Append('\n')
            .Append(user?.Username).Append('\n')
            .Append(impersonated?.Username).Append('\n')
            .Append(objectRef?.ApiGroup).Append('\n')
            .Append(objectRef?.Resource).Append('\n')
            .Append(objectRef?.Subresource).Append('\n')
            .Append(objectRef?.Namespace).Append('\n')
            .Append(objectRef?.Name).Append('\n')
            .Append(uri);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        // RFC 9562 version 8 (custom) and variant bits: a well-formed UUID that says it is no random one.
        hash[6] = (byte)(hash[6] & 0x0F | 0x80);
        hash[8] = (byte)(hash[8] & 0x3F | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString("D");
    }
}
