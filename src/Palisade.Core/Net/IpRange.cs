using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Palisade.Net;

/// <summary>
/// An inclusive range of addresses of one family. Addresses are held as 128-bit numbers (IPv4 in the low
/// 32 bits). Invariant: <see cref="Start"/> ≤ <see cref="End"/> ≤ the family's last address.
/// </summary>
public readonly record struct IpRange(AddressFamily Family, UInt128 Start, UInt128 End) : IComparable<IpRange>
{
    /// <summary>All IPv4 addresses.</summary>
    public static readonly IpRange AllV4 = new(AddressFamily.InterNetwork, 0, uint.MaxValue);

    /// <summary>All IPv6 addresses.</summary>
    public static readonly IpRange AllV6 = new(AddressFamily.InterNetworkV6, 0, UInt128.MaxValue);

    /// <summary>The whole space of a family.</summary>
    public static IpRange All(AddressFamily family) => family == AddressFamily.InterNetwork ? AllV4 : AllV6;

    /// <summary>The range holding one address.</summary>
    public static IpRange Single(IPAddress address)
    {
        var value = ToNumber(address);
        return new IpRange(address.AddressFamily, value, value);
    }

    /// <summary>Parses <c>address/prefix</c>; host bits are cleared, as the API server tolerates them.</summary>
    public static bool TryParseCidr(string text, out IpRange range)
    {
        range = default;
        var slash = text.IndexOf('/');
        if (slash <= 0 || !TryParseAddress(text[..slash], out var address))
            return false;
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            return false;
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefixText = text.AsSpan(slash + 1);
        if (prefixText.Length is 0 or > 3 || !int.TryParse(prefixText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix) || prefix > bits)
            return false;
        var value = ToNumber(address);
        var hostBits = bits - prefix;
        var hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        var start = value & ~hostMask;
        range = new IpRange(address.AddressFamily, start, start | hostMask);
        return true;
    }

    /// <summary>
    /// Parses an address as Go's net.ParseIP does: four decimal octets without leading zeros, or IPv6
    /// without brackets or zone.
    /// </summary>
    public static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Length == 0 || text.Contains('[') || text.Contains('%') || !IPAddress.TryParse(text, out var parsed))
            return false;
        if (parsed.AddressFamily == AddressFamily.InterNetwork ? !IsDottedQuad(text) : parsed.AddressFamily != AddressFamily.InterNetworkV6)
            return false;
        address = parsed;
        return true;
    }

    /// <summary>
    /// Whether the text is four decimal octets without leading zeros, the only IPv4 form Kubernetes accepts
    /// (IPAddress also takes "10.0.0" and octal forms).
    /// </summary>
    public static bool IsDottedQuad(ReadOnlySpan<char> text)
    {
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            parts++;
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0'))
                return false;
            foreach (var c in part)
            {
                if (!char.IsAsciiDigit(c))
                    return false;
            }
        }
        return parts == 4;
    }

    /// <summary>Whether the address lies in the range.</summary>
    public bool Contains(IPAddress address) =>
        address.AddressFamily == Family && ToNumber(address) is var v && v >= Start && v <= End;

    /// <summary>Whether the other range lies wholly inside this one.</summary>
    public bool Contains(IpRange other) => other.Family == Family && other.Start >= Start && other.End <= End;

    /// <summary>A single address as itself, a wider range as <c>first-last</c>.</summary>
    public string ToShortString() => Start == End ? ToAddress(Family, Start).ToString() : ToString();

    /// <summary>np-guard's rendering: <c>first-last</c>.</summary>
    public override string ToString() => $"{ToAddress(Family, Start)}-{ToAddress(Family, End)}";

    /// <inheritdoc />
    public int CompareTo(IpRange other)
    {
        var byFamily = Family.CompareTo(other.Family);
        if (byFamily != 0)
            return byFamily;
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : End.CompareTo(other.End);
    }

    /// <summary>The address as a number.</summary>
    public static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The number as an address of the family.</summary>
    public static IPAddress ToAddress(AddressFamily family, UInt128 value)
    {
        var length = family == AddressFamily.InterNetwork ? 4 : 16;
        var bytes = new byte[length];
        for (var i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xFF);
            value >>= 8;
        }
        return new IPAddress(bytes);
    }
}
