namespace Palisade.Model.Mesh;

/// <summary>One TLS setting of a DestinationRule: where it is, and the port and subset it is limited to, if any.</summary>
public sealed record DestinationTls(string Field, DestinationTlsMode Mode, int? Port = null, string? Subset = null)
{
    /// <summary>The mode as Istio spells it (<c>ISTIO_MUTUAL</c>).</summary>
    public string ModeName => Mode switch
    {
        DestinationTlsMode.Disable => "DISABLE",
        DestinationTlsMode.Simple => "SIMPLE",
        DestinationTlsMode.Mutual => "MUTUAL",
        _ => "ISTIO_MUTUAL",
    };

    /// <summary>What the setting covers: <c>port 8080 of subset v1</c>, or <c>all traffic</c>.</summary>
    public string Scope => (Port, Subset) switch
    {
        (null, null) => "all traffic",
        ({ } port, null) => $"port {port}",
        (null, { } subset) => $"subset {subset}",
        var (port, subset) => $"port {port} of subset {subset}",
    };
}
