namespace Palisade.Flows;

/// <summary>A DNS message seen in a flow (Hubble <c>l7.dns</c>).</summary>
public sealed record DnsInfo(string Query)
{
    /// <summary>Whether this is the response (Hubble <c>l7.type RESPONSE</c>) rather than the request.</summary>
    public bool IsResponse { get; init; }

    /// <summary>The query types (A, AAAA, TXT, ...).</summary>
    public IReadOnlyList<string> QueryTypes { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The response code (0 NOERROR, 3 NXDOMAIN), for responses.</summary>
    public int? ResponseCode { get; init; }

    /// <summary>The addresses the response carried.</summary>
    public IReadOnlyList<string> Ips { get; init => field = ValueCollections.List(value); } = [];
}
