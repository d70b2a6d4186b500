namespace Palisade.Net;

/// <summary>The transport protocols a NetworkPolicy port can name, in np-guard's output order (by name).</summary>
public enum Protocol
{
    Sctp = 0,
    Tcp = 1,
    Udp = 2,
}
