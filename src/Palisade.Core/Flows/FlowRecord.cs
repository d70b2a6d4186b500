using System.Net;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Flows;

/// <summary>
/// One observed flow record as a reader found it, whatever the format: addresses and ports, protocol, what
/// the data plane did, and whatever identity and L7 detail the format carries. Readers fill what their
/// format has and leave the rest null; nothing here is resolved against the cluster yet. Immutable.
/// </summary>
public sealed class FlowRecord
{
    /// <summary>When the flow was seen; for aggregated records (VPC, GCP), the start of the interval.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The end of an aggregated record's interval; null for single events.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>The source address; null when the record's address could not be parsed.</summary>
    public IPAddress? Source { get; init => (field, SourceKey) = (value, value is null ? default : AddressKey.Of(value)); }

    /// <summary>The destination address; null when the record's address could not be parsed.</summary>
    public IPAddress? Destination { get; init => (field, DestinationKey) = (value, value is null ? default : AddressKey.Of(value)); }

    // The addresses as keys, taken when the record is made (its addresses were just parsed, so are at hand): every
    // record is looked up by them several times, and reading the address objects again would cost a memory read each.

    /// <summary>The key of <see cref="Source"/>; default when it is null.</summary>
    internal AddressKey SourceKey { get; private init; }

    /// <summary>The key of <see cref="Destination"/>; default when it is null.</summary>
    internal AddressKey DestinationKey { get; private init; }

    /// <summary>The source port; null when the protocol has none or the record does not say.</summary>
    public int? SourcePort { get; init; }

    /// <summary>The destination port; null when the protocol has none or the record does not say.</summary>
    public int? DestinationPort { get; init; }

    /// <summary>The IANA protocol number (6 TCP, 17 UDP, 132 SCTP, 1 ICMP, 58 ICMPv6); null when unknown.</summary>
    public int? Protocol { get; init; }

    /// <summary>The ICMP (or ICMPv6) message type (8 echo request, 0 echo reply, ...); null for other protocols.</summary>
    public int? IcmpType { get; init; }

    /// <summary>The ICMP (or ICMPv6) message code; null for other protocols.</summary>
    public int? IcmpCode { get; init; }

    /// <summary>TCP flags seen (for aggregated records, the union over the interval).</summary>
    public TcpFlags Flags { get; init; }

    /// <summary>What the data plane did with the flow.</summary>
    public FlowVerdict Verdict { get; init; }

    /// <summary>Whether a drop was the policy's doing (Hubble policy drop reasons, VPC REJECT, CSV DROPPED).</summary>
    public bool DroppedByPolicy { get; init; }

    /// <summary>The format's own reason for a drop (Hubble <c>drop_reason_desc</c>), when given.</summary>
    public string? DropReason { get; init; }

    /// <summary>Whether the record is the reply half of a connection; null when the format does not say.</summary>
    public bool? IsReply { get; init; }

    /// <summary>
    /// Whether the record traces a socket's translation to a Service (Hubble <c>Type: SOCK</c>, Cilium's socket load
    /// balancer: TRACED before, TRANSLATED after, with no source port) rather than a packet: it shows where a connection
    /// was sent, and the connection's packets are recorded apart, so it is not judged as a connection.
    /// </summary>
    public bool SocketTrace { get; init; }

    /// <summary>The traffic direction relative to the observing endpoint or interface, when given.</summary>
    public FlowDirection Direction { get; init; }

    /// <summary>What the format says about the source beyond its address (Hubble, GCP); null otherwise.</summary>
    public FlowEndpointInfo? SourceInfo { get; init; }

    /// <summary>What the format says about the destination beyond its address (Hubble, GCP); null otherwise.</summary>
    public FlowEndpointInfo? DestinationInfo { get; init; }

    /// <summary>The node that observed the flow (Hubble <c>node_name</c>), when given.</summary>
    public string? NodeName { get; init; }

    /// <summary>A DNS request or response carried by the flow (Hubble L7), when given.</summary>
    public DnsInfo? Dns { get; init; }

    /// <summary>An HTTP request or response carried by the flow (Hubble L7), when given.</summary>
    public HttpInfo? Http { get; init; }

    /// <summary>Bytes in the record (aggregated formats), when given.</summary>
    public long? Bytes { get; init; }

    /// <summary>Packets in the record (aggregated formats), when given.</summary>
    public long? Packets { get; init; }

    /// <summary>The format the record was read from.</summary>
    public FlowFormat Format { get; init; }

    /// <summary>Where the record was read: file and line.</summary>
    public SourceLocation? Location { get; init; }
}
