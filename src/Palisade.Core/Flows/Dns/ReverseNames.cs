using System.Globalization;
using System.Net.Sockets;
using Palisade.Flows.Identity;
using Palisade.Net;

namespace Palisade.Flows.Dns;

/// <summary>
/// Reverse lookup names (<c>in-addr.arpa</c>, <c>ip6.arpa</c>) of the address blocks that resolvers answer themselves
/// (RFC 6303's locally served zones and RFC 7793's shared address space: private, loopback, link-local, unique local):
/// no authoritative server outside is ever asked for them.
/// </summary>
public static class ReverseNames
{
    private const string V4Suffix = ".in-addr.arpa";
    private const string V6Suffix = ".ip6.arpa";

    /// <summary>Whether a lower-case name without a trailing dot is the reverse name of an address in a locally served block.</summary>
    public static bool IsLocallyServed(string name)
    {
        if (name.EndsWith(V4Suffix, StringComparison.Ordinal))
            return Block(name.AsSpan(0, name.Length - V4Suffix.Length), 8, 4, AddressFamily.InterNetwork) is { } v4 && SpecialAddresses.LocallyServed.Contains(v4);
        if (name.EndsWith(V6Suffix, StringComparison.Ordinal))
            return Block(name.AsSpan(0, name.Length - V6Suffix.Length), 4, 32, AddressFamily.InterNetworkV6) is { } v6 && SpecialAddresses.LocallyServed.Contains(v6);
        return false;
    }

    /// <summary>
    /// The block of addresses a reverse name's labels (least significant first, each <paramref name="bits"/> wide) fix;
    /// null when a label is not a number of that width or there are too many.
    /// </summary>
    private static IpRange? Block(ReadOnlySpan<char> labels, int bits, int most, AddressFamily family)
    {
        var width = family == AddressFamily.InterNetwork ? 32 : 128;
        UInt128 prefix = 0;
        var count = 0;
        foreach (var range in labels.Split('.'))
        {
            var label = labels[range];
            var style = bits == 8 ? NumberStyles.None : NumberStyles.AllowHexSpecifier;
            if (++count > most || label.Length == 0 || label.Length > (bits == 8 ? 3 : 1)
                || !uint.TryParse(label, style, CultureInfo.InvariantCulture, out var value) || value >= 1u << bits)
                return null;
            prefix |= (UInt128)value << (bits * (count - 1));
        }
        // Read least significant first, the labels make the number of the address's first bits.
        var unknown = width - bits * count;
        var start = prefix << unknown;
        return new IpRange(family, start, start | (((UInt128)1 << unknown) - 1));
    }
}
