namespace Palisade.Detection.Tests.Scenarios.Traffic;

/// <summary>What Hubble's L7 visibility shows of a connection; the other formats cannot show it.</summary>
public abstract record L7Record;

/// <summary>A DNS query (and its answer) with the fully qualified name, trailing dot included.</summary>
public sealed record DnsQuery(string Name, string QType = "A", int RCode = 0) : L7Record;

/// <summary>An HTTP request (and its response) with its headers as sent.</summary>
public sealed record HttpRequest(string Method, string Url, IReadOnlyList<(string Key, string Value)> Headers, int Status = 200, string Protocol = "HTTP/1.1") : L7Record
{
    /// <summary>Whether the request carries credentials; header names are case-insensitive (HTTP/2 lowercases them).</summary>
    public bool HasAuthorization => Headers.Any(h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase));
}
