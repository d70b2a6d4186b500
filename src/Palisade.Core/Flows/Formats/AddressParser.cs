using System.Net;

namespace Palisade.Flows.Formats;

/// <summary>
/// Parses an IP address from UTF-8 text without allocating a string. IPv4 must be a dotted quad of decimal
/// octets: the lenient forms <see cref="IPAddress.TryParse(string, out IPAddress)"/> also takes (<c>10.1</c>,
/// <c>0x0a.0.0.1</c>, a bare <c>123</c>) are not addresses in any flow format and would hide garbage.
/// </summary>
internal static class AddressParser
{
    /// <summary>The address, or null when <paramref name="text"/> is not one.</summary>
    public static IPAddress? Parse(ReadOnlySpan<byte> text)
    {
        if (text.IndexOf((byte)':') >= 0)
            return IPAddress.TryParse(text, out var v6) ? v6 : null;
        Span<byte> octets = stackalloc byte[4];
        return TryParseIPv4(text, octets) ? new IPAddress(octets) : null;
    }

    private static bool TryParseIPv4(ReadOnlySpan<byte> text, Span<byte> octets)
    {
        var octet = 0;
        var digits = 0;
        var index = 0;
        foreach (var c in text)
        {
            if (c == (byte)'.')
            {
                if (digits == 0 || index == 3)
                    return false;
                octets[index++] = (byte)octet;
                octet = digits = 0;
            }
            else if (c - (uint)'0' <= 9 && digits < 3)
            {
                octet = octet * 10 + (c - '0');
                digits++;
                if (octet > 255)
                    return false;
            }
            else
            {
                return false;
            }
        }
        if (digits == 0 || index != 3)
            return false;
        octets[3] = (byte)octet;
        return true;
    }
}
