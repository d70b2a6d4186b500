using System.Net;

namespace Palisade.Detection.Tests.Scenarios.Labels;

/// <summary>
/// The contract's "public address": outside 10/8, 172.16/12, 192.168/16, 100.64/10, 127/8, 169.254/16 and
/// 224/4 (documentation ranges such as 203.0.113.0/24 count as public). The cluster's own addresses are
/// excluded by the caller. IPv4 only: the scenarios use no IPv6.
/// </summary>
public static class AddressClass
{
    private static readonly (uint Network, int Prefix)[] NotPublic =
    [
        (Parse("10.0.0.0"), 8), (Parse("172.16.0.0"), 12), (Parse("192.168.0.0"), 16), (Parse("100.64.0.0"), 10),
        (Parse("127.0.0.0"), 8), (Parse("169.254.0.0"), 16), (Parse("224.0.0.0"), 4),
    ];

    public static bool IsPublic(string address)
    {
        var value = Parse(address);
        return !NotPublic.Any(r => value >> (32 - r.Prefix) == r.Network >> (32 - r.Prefix));
    }

    /// <summary>The /24 an external address belongs to, as new-connection groups external peers.</summary>
    public static string Slash24(string address) => address[..address.LastIndexOf('.')] + ".0/24";

    private static uint Parse(string address)
    {
        var bytes = IPAddress.Parse(address).GetAddressBytes();
        if (bytes.Length != 4)
            throw new ArgumentException("IPv4 only: " + address, nameof(address));
        return (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
    }
}
