using Palisade.Flows;
using Palisade.Flows.Identity;
using Palisade.Model;

namespace Palisade.Flows.Detection;

/// <summary>
/// A request flow resolved and judged: its endpoints at the flow's time, the port reached (a Service's
/// target port), what the data plane did, what the policy in force then says, and whether it opens a new
/// connection. Passed to detectors by reference; they must not keep it.
/// </summary>
public readonly struct JudgedFlow
{
    /// <summary>The record.</summary>
    public required FlowRecord Record { get; init; }

    /// <summary>The source.</summary>
    public required FlowPeer Source { get; init; }

    /// <summary>The destination.</summary>
    public required FlowPeer Destination { get; init; }

    /// <summary>The Service the flow was addressed to, if any.</summary>
    public ServiceInfo? Service { get; init; }

    /// <summary>The destination port as reached (a Service's target port); null when the protocol has none.</summary>
    public int? Port { get; init; }

    /// <summary>The port the record was addressed to (a Service's own port); null when the protocol has none.</summary>
    public int? AddressedPort => Record.DestinationPort;

    /// <summary>The IANA protocol number.</summary>
    public int? Protocol => Record.Protocol;

    /// <summary>The index of the cluster state in force at the flow's time.</summary>
    public int State { get; init; }

    /// <summary>What the data plane did.</summary>
    public FlowOutcome Outcome { get; init; }

    /// <summary>Whether the policy in force at the flow's time allows it.</summary>
    public bool PolicyAllows { get; init; }

    /// <summary>Whether the record opens a connection (its 5-tuple was not seen recently).</summary>
    public bool NewConnection { get; init; }

    /// <summary>
    /// Whether the record is the first L7 request (Hubble <c>Type: L7</c>) of its connection: what the L7 detectors count,
    /// since the connection's L3/L4 events (the SYN, its policy verdict, the trace to the proxy) come before it.
    /// </summary>
    public bool NewL7Connection { get; init; }

    /// <summary>Whether the record is an L7 one (Hubble DNS or HTTP).</summary>
    public bool IsL7 => Record.Dns is not null || Record.Http is not null;

    /// <summary>This flow counted by its L7 requests: a connection once, at its first L7 request.</summary>
    public JudgedFlow CountedByL7() => this with { NewConnection = NewL7Connection };

    /// <summary>The flow's time, UTC ticks.</summary>
    public long Ticks => Record.Time.UtcTicks;

    /// <summary>Whether the flow got through: forwarded, or without a verdict and allowed by the policy.</summary>
    public bool Delivered => Outcome == FlowOutcome.Forwarded || Outcome == FlowOutcome.Unknown && PolicyAllows;
}
