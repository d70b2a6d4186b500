using Palisade.Net;

namespace Palisade.Flows;

/// <summary>IANA protocol numbers as flows carry them, and their names and policy protocols.</summary>
public static class FlowProtocols
{
    /// <summary>TCP.</summary>
    public const int Tcp = 6;

    /// <summary>UDP.</summary>
    public const int Udp = 17;

    /// <summary>SCTP.</summary>
    public const int Sctp = 132;

    /// <summary>ICMP.</summary>
    public const int Icmp = 1;

    /// <summary>ICMPv6.</summary>
    public const int IcmpV6 = 58;

    /// <summary>The protocol a NetworkPolicy port can name, or null (ICMP and the rest are not port-addressed).</summary>
    public static Protocol? ToPolicy(int? number) => number switch
    {
        Tcp => Protocol.Tcp,
        Udp => Protocol.Udp,
        Sctp => Protocol.Sctp,
        _ => null,
    };

    /// <summary>
    /// The name alerts print: TCP, UDP, SCTP, ICMP (over IPv4 or IPv6: the contract's names, the only one a CSV export has
    /// for an IPv6 ping), else the number (or "unknown").
    /// </summary>
    public static string Name(int? number) => number switch
    {
        Tcp => "TCP",
        Udp => "UDP",
        Sctp => "SCTP",
        Icmp or IcmpV6 => "ICMP",
        null => "unknown",
        _ => number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The protocol alerts are keyed by: ICMPv6 is ICMP, as <see cref="Name"/> prints it.</summary>
    public static int? Reported(int? number) => number == IcmpV6 ? Icmp : number;

    /// <summary>Parses a protocol name (any case) or an IANA number.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int number)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number))
            return number is >= 0 and <= 255;
        number = text switch
        {
            _ when text.Equals("TCP", StringComparison.OrdinalIgnoreCase) => Tcp,
            _ when text.Equals("UDP", StringComparison.OrdinalIgnoreCase) => Udp,
            _ when text.Equals("SCTP", StringComparison.OrdinalIgnoreCase) => Sctp,
            _ when text.Equals("ICMP", StringComparison.OrdinalIgnoreCase) => Icmp,
            _ when text.Equals("ICMPv6", StringComparison.OrdinalIgnoreCase) || text.Equals("IPv6-ICMP", StringComparison.OrdinalIgnoreCase) => IcmpV6,
            _ => -1,
        };
        return number >= 0;
    }
}
