namespace Palisade.Net;

/// <summary>Parsing and printing of <see cref="Protocol"/> in Kubernetes spelling.</summary>
public static class Protocols
{
    /// <summary>All protocols in output order.</summary>
    public static readonly Protocol[] All = [Protocol.Sctp, Protocol.Tcp, Protocol.Udp];

    /// <summary>The Kubernetes name: TCP, UDP or SCTP.</summary>
    public static string Name(this Protocol protocol) => protocol switch
    {
        Protocol.Tcp => "TCP",
        Protocol.Udp => "UDP",
        _ => "SCTP",
    };

    /// <summary>Parses TCP, UDP or SCTP (case-sensitive, as the API server is); null or empty means TCP.</summary>
    public static bool TryParse(string? text, out Protocol protocol)
    {
        switch (text)
        {
            case null or "" or "TCP": protocol = Protocol.Tcp; return true;
            case "UDP": protocol = Protocol.Udp; return true;
            case "SCTP": protocol = Protocol.Sctp; return true;
            default: protocol = Protocol.Tcp; return false;
        }
    }
}
