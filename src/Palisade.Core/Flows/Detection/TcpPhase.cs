namespace Palisade.Flows.Detection;

/// <summary>Where a TCP record lies in its connection, from the flags it carries (OR-ed over a capture window in VPC logs).</summary>
internal enum TcpPhase
{
    /// <summary>No flags known, or not TCP: the record says nothing of its connection's life.</summary>
    Unknown,

    /// <summary>SYN alone (with neither ACK, FIN nor RST): the connection is asked for, and may never be answered (a scan).</summary>
    Opening,

    /// <summary>SYN and ACK without FIN or RST: a client's capture window OR-ing its handshake (VPC); the connection is open.</summary>
    Established,

    /// <summary>Flags without SYN, FIN or RST: a segment of a connection already open.</summary>
    Open,

    /// <summary>FIN or RST without SYN: the end of a connection already open.</summary>
    Closing,

    /// <summary>SYN with FIN or RST: a connection opened and closed within the record.</summary>
    Whole,
}
