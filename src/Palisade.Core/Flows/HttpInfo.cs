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

    /// <summary>
    /// Whether the message crossed the network in TLS: Cilium's TLS inspection decrypts HTTPS in its proxy, and Hubble's
    /// URL keeps the scheme the client used (<c>https://httpbin.org/anything</c>); clear requests are <c>http://</c>.
    /// </summary>
    public bool IsDecryptedTls => Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The headers as recorded (Hubble may redact values).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init => field = ValueCollections.List(value); } = [];
}
