using System.Globalization;

namespace Palisade.Detection.Tests.Scenarios.Formats;

/// <summary>Timestamp spellings of the formats.</summary>
public static class Times
{
    /// <summary>RFC 3339 with nanoseconds, as Hubble and Cloud Logging write them.</summary>
    public static string Nanos(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    /// <summary>RFC 3339 with milliseconds (CSV).</summary>
    public static string Millis(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Unix seconds (VPC start and end).</summary>
    public static long Unix(DateTimeOffset time) => time.ToUnixTimeSeconds();

    /// <summary>IANA protocol number.</summary>
    public static int ProtocolNumber(string protocol) => protocol switch
    {
        "TCP" => 6,
        "UDP" => 17,
        "SCTP" => 132,
        "ICMP" => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unsupported"),
    };
}
