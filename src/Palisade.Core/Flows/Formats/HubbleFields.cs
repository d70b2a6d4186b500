using System.Text.Json;

namespace Palisade.Flows.Formats;

/// <summary>The Hubble flow fields the reader uses.</summary>
internal enum HubbleField
{
    None,
    Flow,
    OtherEvent,
    Time,
    NodeName,
    Verdict,
    DropReason,
    DropReasonDesc,
    IP,
    L4,
    Source,
    Destination,
    SourceService,
    DestinationService,
    IsReply,
    Reply,
    TrafficDirection,
    L7,
}

/// <summary>A Hubble drop reason: its name (numeric codes named when known) and whether policy caused it.</summary>
internal readonly record struct HubbleDropReason(string? Name, bool ByPolicy);

/// <summary>
/// Field names and enum values of Cilium's flow.proto as JSON writes them: enums by name, or by number
/// when the writer did not know the name (or was asked for numbers).
/// </summary>
internal static class HubbleFields
{
    // flow.proto DropReason (shared with pkg/monitor/api/drop.go): the drops a policy decided.
    private const uint PolicyDenied = 133;
    private const uint PolicyDeny = 181;
    private const uint AuthRequired = 189;

    /// <summary>The field the current property name denotes, in an envelope or in a flow.</summary>
    public static HubbleField Flow(ref Utf8JsonReader reader, bool envelope)
    {
        if (reader.ValueTextEquals("time"u8))
            return HubbleField.Time;
        if (reader.ValueTextEquals("verdict"u8))
            return HubbleField.Verdict;
        if (reader.ValueTextEquals("IP"u8))
            return HubbleField.IP;
        if (reader.ValueTextEquals("l4"u8))
            return HubbleField.L4;
        if (reader.ValueTextEquals("source"u8))
            return HubbleField.Source;
        if (reader.ValueTextEquals("destination"u8))
            return HubbleField.Destination;
        if (reader.ValueTextEquals("node_name"u8))
            return HubbleField.NodeName;
        if (reader.ValueTextEquals("is_reply"u8))
            return HubbleField.IsReply;
        if (reader.ValueTextEquals("traffic_direction"u8))
            return HubbleField.TrafficDirection;
        if (reader.ValueTextEquals("l7"u8))
            return HubbleField.L7;
        if (reader.ValueTextEquals("reply"u8))
            return HubbleField.Reply;
        if (reader.ValueTextEquals("drop_reason_desc"u8))
            return HubbleField.DropReasonDesc;
        if (reader.ValueTextEquals("drop_reason"u8))
            return HubbleField.DropReason;
        if (reader.ValueTextEquals("destination_service"u8))
            return HubbleField.DestinationService;
        if (reader.ValueTextEquals("source_service"u8))
            return HubbleField.SourceService;
        if (!envelope)
            return HubbleField.None;
        if (reader.ValueTextEquals("flow"u8))
            return HubbleField.Flow;
        return reader.ValueTextEquals("lost_events"u8) || reader.ValueTextEquals("node_status"u8)
            || reader.ValueTextEquals("agent_event"u8) || reader.ValueTextEquals("debug_event"u8)
            ? HubbleField.OtherEvent
            : HubbleField.None;
    }

    /// <summary>The verdict; AUDIT is a would-be drop that was let through; unknown values are Unknown.</summary>
    public static FlowVerdict Verdict(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String when reader.ValueTextEquals("FORWARDED"u8) || reader.ValueTextEquals("REDIRECTED"u8)
            || reader.ValueTextEquals("TRACED"u8) || reader.ValueTextEquals("TRANSLATED"u8) => FlowVerdict.Forwarded,
        JsonTokenType.String when reader.ValueTextEquals("DROPPED"u8) => FlowVerdict.Dropped,
        JsonTokenType.String when reader.ValueTextEquals("AUDIT"u8) => FlowVerdict.Audit,
        JsonTokenType.String when reader.ValueTextEquals("ERROR"u8) => FlowVerdict.Error,
        JsonTokenType.Number => reader.UInt32() switch
        {
            1 or 5 or 6 or 7 => FlowVerdict.Forwarded,
            2 => FlowVerdict.Dropped,
            3 => FlowVerdict.Error,
            4 => FlowVerdict.Audit,
            _ => FlowVerdict.Unknown,
        },
        _ => FlowVerdict.Unknown,
    };

    /// <summary>A drop reason given by name or by number.</summary>
    public static HubbleDropReason DropReason(ref Utf8JsonReader reader, TextCache text)
    {
        if (reader.TokenType == JsonTokenType.String && !TextScan.IsDigits(reader.Utf8()))
        {
            var name = reader.CachedString(text);
            var byPolicy = name is "POLICY_DENIED" or "POLICY_DENY" or "AUTH_REQUIRED";
            return name is "" or "DROP_REASON_UNKNOWN" ? default : new HubbleDropReason(name, byPolicy);
        }
        return reader.UInt32() switch
        {
            null or 0 => default,
            PolicyDenied => new HubbleDropReason("POLICY_DENIED", true),
            PolicyDeny => new HubbleDropReason("POLICY_DENY", true),
            AuthRequired => new HubbleDropReason("AUTH_REQUIRED", true),
            var code => new HubbleDropReason(code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), false),
        };
    }

    /// <summary>INGRESS or EGRESS, by name or number.</summary>
    public static FlowDirection Direction(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String when reader.ValueTextEquals("INGRESS"u8) => FlowDirection.Ingress,
        JsonTokenType.String when reader.ValueTextEquals("EGRESS"u8) => FlowDirection.Egress,
        JsonTokenType.Number => reader.UInt32() switch
        {
            1 => FlowDirection.Ingress,
            2 => FlowDirection.Egress,
            _ => FlowDirection.Unknown,
        },
        _ => FlowDirection.Unknown,
    };

    /// <summary>The IANA protocol number of an <c>l4</c> member name (TCP, UDP, SCTP, ICMPv4, ICMPv6).</summary>
    public static int? Protocol(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("TCP"u8))
            return 6;
        if (reader.ValueTextEquals("UDP"u8))
            return 17;
        if (reader.ValueTextEquals("ICMPv4"u8))
            return 1;
        if (reader.ValueTextEquals("ICMPv6"u8))
            return 58;
        return reader.ValueTextEquals("SCTP"u8) ? 132 : null;
    }

    /// <summary>The flags set to true in a TCPFlags object.</summary>
    public static TcpFlags TcpFlags(ref Utf8JsonReader reader)
    {
        var flags = Flows.TcpFlags.None;
        if (reader.TokenType != JsonTokenType.StartObject)
            return flags;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var flag = Flag(ref reader);
            reader.Read();
            if (reader.TokenType == JsonTokenType.True)
                flags |= flag;
            reader.Skip();
        }
        return flags;
    }

    private static TcpFlags Flag(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("SYN"u8))
            return Flows.TcpFlags.Syn;
        if (reader.ValueTextEquals("ACK"u8))
            return Flows.TcpFlags.Ack;
        if (reader.ValueTextEquals("FIN"u8))
            return Flows.TcpFlags.Fin;
        if (reader.ValueTextEquals("RST"u8))
            return Flows.TcpFlags.Rst;
        if (reader.ValueTextEquals("PSH"u8))
            return Flows.TcpFlags.Psh;
        if (reader.ValueTextEquals("URG"u8))
            return Flows.TcpFlags.Urg;
        if (reader.ValueTextEquals("ECE"u8))
            return Flows.TcpFlags.Ece;
        if (reader.ValueTextEquals("CWR"u8))
            return Flows.TcpFlags.Cwr;
        return reader.ValueTextEquals("NS"u8) ? Flows.TcpFlags.Ns : Flows.TcpFlags.None;
    }
}
