using System.Net;
using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>What one pass over a Hubble entry found, before it is checked and frozen into a <see cref="FlowRecord"/>.</summary>
internal struct HubbleDraft : IFlowDraft
{
    public bool IsFlow;
    public bool IsOtherEvent;
    public DateTimeOffset? Time;
    public DateTimeOffset? OuterTime;
    public string? InvalidTime;
    public string? InvalidOuterTime;
    public FlowVerdict Verdict;
    public string? DropReason;
    public bool PolicyDrop;
    public bool DropReasonFromDesc;
    public IPAddress? Source;
    public IPAddress? Destination;
    public int? SourcePort;
    public int? DestinationPort;
    public int? Protocol;
    public int? IcmpType;
    public int? IcmpCode;
    public TcpFlags Flags;
    public bool? IsReply;
    public bool LegacyReply;
    public FlowDirection Direction;
    public FlowEndpointInfo? SourceInfo;
    public FlowEndpointInfo? DestinationInfo;
    public string? SourceService;
    public string? DestinationService;
    public string? NodeName;
    public string? OuterNodeName;
    public bool SocketTrace;
    public DnsInfo? Dns;
    public HttpInfo? Http;

    /// <summary>Keeps a drop reason; <c>drop_reason_desc</c> wins over the deprecated numeric <c>drop_reason</c>.</summary>
    public void SetDropReason(HubbleDropReason reason, bool fromDesc)
    {
        if (reason.Name is null || DropReasonFromDesc && !fromDesc)
            return;
        DropReason = reason.Name;
        PolicyDrop = reason.ByPolicy;
        DropReasonFromDesc = fromDesc;
    }

    /// <summary>The record, or null after reporting why there is none (not a flow, no valid time).</summary>
    public readonly FlowRecord? Build(SourceLocation location, ReadDiagnostics diagnostics)
    {
        if (!IsFlow)
        {
            if (IsOtherEvent)
                diagnostics.Skip();
            else
                diagnostics.Report(location, "not a Hubble flow: none of its fields");
            return null;
        }
        // The envelope's time only matters when the flow has none.
        if ((InvalidTime ?? (Time is null ? InvalidOuterTime : null)) is { } invalid)
        {
            diagnostics.Report(location, JsonValues.TimeProblem(invalid));
            return null;
        }
        if ((Time ?? OuterTime) is not { } time)
        {
            diagnostics.Report(location, "missing time");
            return null;
        }
        return new FlowRecord
        {
            Time = time,
            Source = Source,
            Destination = Destination,
            SourcePort = SourcePort,
            DestinationPort = DestinationPort,
            Protocol = Protocol,
            IcmpType = IcmpType,
            IcmpCode = IcmpCode,
            Flags = Flags,
            Verdict = Verdict,
            // Cilium's L7 proxy drops only by policy, and its records carry no drop reason ("dns-request DROPPED").
            DroppedByPolicy = Verdict == FlowVerdict.Dropped && (PolicyDrop || DropReason is null && (Dns is not null || Http is not null)),
            DropReason = DropReason,
            // The deprecated bool cannot say "not a reply" (false is omitted), only "a reply". An L7 response is the reply
            // half whatever is_reply says (Cilium derives is_reply from it).
            IsReply = Dns is { IsResponse: true } || Http is { IsResponse: true } ? true : IsReply ?? (LegacyReply ? true : null),
            Direction = Direction,
            SocketTrace = SocketTrace,
            SourceInfo = WithService(SourceInfo, SourceService),
            DestinationInfo = WithService(DestinationInfo, DestinationService),
            NodeName = NodeName ?? OuterNodeName,
            Dns = Dns,
            Http = Http,
            Format = FlowFormat.Hubble,
            Location = location,
        };
    }

    private static FlowEndpointInfo? WithService(FlowEndpointInfo? endpoint, string? service) =>
        service is null ? endpoint : endpoint is null ? new FlowEndpointInfo { Service = service } : endpoint with { Service = service };
}
