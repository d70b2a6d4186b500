using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Palisade.Net;

/// <summary>
/// An IP address as a value usable as a dictionary key without allocation: IPv4 (including IPv4-mapped IPv6)
/// in the low 32 bits, IPv6 as its 128-bit number, with the family kept apart.
/// </summary>
public readonly record struct AddressKey(UInt128 Value, bool IsV6)
{
    /// <summary>The key of an address; IPv4-mapped IPv6 addresses are keyed as the IPv4 address.</summary>
    public static AddressKey Of(IPAddress address)
    {
        // Asked for every address read (flow records, clusters): read the bytes once, and tell a mapped address by its
        // ::ffff:0:0/96 prefix instead of making an IPv4 address of it.
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        if (written == 4)
            return new AddressKey(BinaryPrimitives.ReadUInt32BigEndian(bytes), false);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return value >> 32 == 0xFFFF ? new AddressKey(value & uint.MaxValue, false) : new AddressKey(value, true);
    }

    /// <summary>The family.</summary>
    public AddressFamily Family => IsV6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;

    /// <summary>The range holding just this address.</summary>
    public IpRange Range => new(Family, Value, Value);

    /// <summary>The address.</summary>
    public IPAddress ToAddress() => IpRange.ToAddress(Family, Value);
}
