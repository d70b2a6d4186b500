using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Palisade.Net;

/// <summary>
/// An IP address as a value usable as a dictionary key without allocation: IPv4 (including IPv4-mapped IPv6)
/// in the low 32 bits, IPv6 as its 128-bit number, with the family kept apart. Immutable.
/// </summary>
public readonly record struct AddressKey
{
    // Two halves rather than a UInt128: ReadyToRun compiles no method that holds a UInt128 (its alignment differs between
    // calling conventions), so with one here every method passing a key, the flow check's whole hot path among them, was
    // compiled at run time, by the full optimising compiler, when the shipped executable first reached it.
    private readonly ulong _high;
    private readonly ulong _low;

    /// <summary>The key of the address numbered <paramref name="value"/> in its family.</summary>
    public AddressKey(UInt128 value, bool isV6)
        : this((ulong)(value >> 64), (ulong)value, isV6)
    {
    }

    private AddressKey(ulong high, ulong low, bool isV6)
    {
        _high = high;
        _low = low;
        IsV6 = isV6;
    }

    /// <summary>The address's number in its family.</summary>
    public UInt128 Value => new(_high, _low);

    /// <summary>Whether the address is IPv6 (not IPv4-mapped).</summary>
    public bool IsV6 { get; }

    /// <summary>The number of an IPv4 address (meaningless for IPv6).</summary>
    internal uint V4 => (uint)_low;

    /// <summary>The key of the IPv4 address numbered <paramref name="address"/>.</summary>
    internal static AddressKey OfV4(uint address) => new(0, address, false);

    /// <summary>The key of an address; IPv4-mapped IPv6 addresses are keyed as the IPv4 address.</summary>
    public static AddressKey Of(IPAddress address)
    {
        // Asked for every address read (flow records, clusters): read the bytes once, and tell a mapped address by its
        // ::ffff:0:0/96 prefix instead of making an IPv4 address of it.
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        if (written == 4)
            return OfV4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
        var high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        return high == 0 && low >> 32 == 0xFFFF ? OfV4((uint)low) : new AddressKey(high, low, true);
    }

    /// <summary>The family.</summary>
    public AddressFamily Family => IsV6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;

    /// <summary>The range holding just this address.</summary>
    public IpRange Range => new(Family, Value, Value);

    /// <summary>The address.</summary>
    public IPAddress ToAddress() => IpRange.ToAddress(Family, Value);
}
