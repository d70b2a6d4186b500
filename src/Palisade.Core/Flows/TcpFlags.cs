namespace Palisade.Flows;

/// <summary>TCP header flags, with the bit values of the TCP header (and of VPC <c>tcp-flags</c>).</summary>
[Flags]
public enum TcpFlags
{
    /// <summary>No flag known.</summary>
    None = 0,

    /// <summary>FIN.</summary>
    Fin = 1,

    /// <summary>SYN.</summary>
    Syn = 2,

    /// <summary>RST.</summary>
    Rst = 4,

    /// <summary>PSH.</summary>
    Psh = 8,

    /// <summary>ACK.</summary>
    Ack = 16,

    /// <summary>URG.</summary>
    Urg = 32,

    /// <summary>ECE.</summary>
    Ece = 64,

    /// <summary>CWR.</summary>
    Cwr = 128,

    /// <summary>NS (the historic ECN nonce bit, just above the eight flag bits).</summary>
    Ns = 256,
}
