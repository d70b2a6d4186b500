namespace Palisade.Flows;

/// <summary>An HTTP message seen in a flow (Hubble <c>l7.http</c>).</summary>
public sealed record HttpInfo(string Method, string Url)
{
    /// <summary>Whether this is the response rather than the request.</summary>
    public bool IsResponse { get; init; }

    /// <summary>The protocol (HTTP/1.1, HTTP/2).</summary>
    public string? Protocol { get; init; }

    /// <summary>The status code, for responses.</summary>
    public int? Code { get; init; }

    /// <summary>The headers as recorded (Hubble may redact values).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init => field = ValueCollections.List(value); } = [];
}
