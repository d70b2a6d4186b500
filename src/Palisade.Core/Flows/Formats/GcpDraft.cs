using System.Net;
using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>What one pass over a GCP log entry found, before it is checked and frozen into a <see cref="FlowRecord"/>.</summary>
internal struct GcpDraft : IFlowDraft
{
    public bool HasConnection;
    public DateTimeOffset? Start;
    public DateTimeOffset? End;
    public DateTimeOffset? Timestamp;
    public string? InvalidTime;
    public string? InvalidTimestamp;
    public IPAddress? Source;
    public IPAddress? Destination;
    public int? SourcePort;
    public int? DestinationPort;
    public int? Protocol;
    public long? Bytes;
    public long? Packets;
    public FlowDirection Direction;
    public FlowVerdict Verdict;
    public bool DroppedByPolicy;
    public string? DropReason;
    public FlowEndpointInfo? SourceInfo;
    public FlowEndpointInfo? DestinationInfo;
    public string? SourceVm;
    public string? DestinationVm;

    /// <summary>The record, or null after reporting why there is none (another kind of log entry, no valid time).</summary>
    public readonly FlowRecord? Build(SourceLocation location, ReadDiagnostics diagnostics)
    {
        if (!HasConnection)
        {
            diagnostics.Skip();
            return null;
        }
        // The entry's timestamp only matters when the payload has no start_time.
        if ((InvalidTime ?? (Start is null ? InvalidTimestamp : null)) is { } invalid)
        {
            diagnostics.Report(location, JsonValues.TimeProblem(invalid));
            return null;
        }
        if ((Start ?? Timestamp) is not { } time)
        {
            diagnostics.Report(location, "missing start_time");
            return null;
        }
        return new FlowRecord
        {
            Time = time,
            End = End,
            Source = Source,
            Destination = Destination,
            // An ICMP message has no ports, whatever the entry says (as in every format).
            SourcePort = Protocol is FlowProtocols.Icmp or FlowProtocols.IcmpV6 ? null : SourcePort,
            DestinationPort = Protocol is FlowProtocols.Icmp or FlowProtocols.IcmpV6 ? null : DestinationPort,
            Protocol = Protocol,
            Verdict = Verdict,
            DroppedByPolicy = DroppedByPolicy || Verdict == FlowVerdict.Dropped && GcpFields.IsPolicyDrop(DropReason),
            DropReason = DropReason,
            Direction = Direction,
            SourceInfo = SourceInfo,
            DestinationInfo = DestinationInfo,
            // The reporter's VM observed the flow; for GKE it is the node.
            NodeName = Direction == FlowDirection.Egress ? SourceVm : Direction == FlowDirection.Ingress ? DestinationVm : null,
            Bytes = Bytes,
            Packets = Packets,
            Format = FlowFormat.Gcp,
            Location = location,
        };
    }
}
