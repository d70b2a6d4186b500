using System.Buffers.Text;

namespace Palisade.Flows.Formats;

/// <summary>Numbers in the text fields of VPC and CSV lines, parsed from UTF-8 without allocating.</summary>
internal static class FieldText
{
    /// <summary>A non-negative decimal integer no larger than <paramref name="max"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, long max, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
            return text.Length == 19 && TextScan.IsDigits(text) && Utf8Parser.TryParse(text, out value, out _) && value <= max;
        foreach (var c in text)
        {
            var digit = c - (uint)'0';
            if (digit > 9)
                return false;
            value = value * 10 + digit;
        }
        return value <= max;
    }

    /// <summary>A port (0 to 65535).</summary>
    public static bool TryParsePort(ReadOnlySpan<byte> text, out int port)
    {
        var ok = TryParse(text, 65535, out var value);
        port = (int)value;
        return ok;
    }

    /// <summary>
    /// A protocol name (TCP, UDP, SCTP, ICMP, ICMPv6, as Hubble names its layer-4 keys ICMPv4 and ICMPv6, as IANA and
    /// nfdump name IPv6's IPv6-ICMP and ICMP6, and the IANA keywords of the other protocols a network carries between nodes
    /// and out of the cluster: IGMP, IPIP, GRE, ESP, AH; any case) or IANA number (0 to 255).
    /// </summary>
    public static int? Protocol(ReadOnlySpan<byte> text)
    {
        if (TryParse(text, 255, out var number))
            return (int)number;
        Span<byte> upper = stackalloc byte[16];
        if (text.Length > upper.Length)
            return null;
        for (var i = 0; i < text.Length; i++)
            upper[i] = text[i] - (uint)'a' <= 'z' - 'a' ? (byte)(text[i] - 0x20) : text[i];
        return upper[..text.Length] switch
        {
            var p when p.SequenceEqual("TCP"u8) => 6,
            var p when p.SequenceEqual("UDP"u8) => 17,
            var p when p.SequenceEqual("SCTP"u8) => 132,
            var p when p.SequenceEqual("ICMP"u8) || p.SequenceEqual("ICMPV4"u8) => 1,
            var p when p.SequenceEqual("ICMPV6"u8) || p.SequenceEqual("IPV6-ICMP"u8) || p.SequenceEqual("ICMP6"u8) => 58,
            var p when p.SequenceEqual("IGMP"u8) => 2,
            var p when p.SequenceEqual("IPIP"u8) || p.SequenceEqual("IPV4"u8) => 4,
            var p when p.SequenceEqual("GRE"u8) => 47,
            var p when p.SequenceEqual("ESP"u8) => 50,
            var p when p.SequenceEqual("AH"u8) => 51,
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="text"/> equals the upper-case ASCII <paramref name="upper"/>, ignoring case.</summary>
    public static bool EqualsUpper(ReadOnlySpan<byte> text, ReadOnlySpan<byte> upper)
    {
        if (text.Length != upper.Length)
            return false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != upper[i] && (c - (uint)'a' > 'z' - 'a' || c - 0x20 != upper[i]))
                return false;
        }
        return true;
    }
}
