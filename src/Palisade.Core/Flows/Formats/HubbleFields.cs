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
    Type,
    SockXlatePoint,
}

/// <summary>A Hubble drop reason: its name (numeric codes named when known) and whether policy caused it.</summary>
internal readonly record struct HubbleDropReason(string? Name, bool ByPolicy);

/// <summary>
/// Field names and enum values of Cilium's flow.proto as JSON writes them: enums by name, or by number
/// when the writer did not know the name (or was asked for numbers); names as the proto spells them (what
/// <c>hubble observe</c> and the exporter write) or in protobuf's default JSON names, lowerCamelCase (what grpcurl and
/// protojson's defaults write), which the proto3 JSON mapping has parsers accept alike.
/// </summary>
internal static class HubbleFields
{
    // flow.proto DropReason (shared with pkg/monitor/api/drop.go): the drops a policy decided.
    private const uint PolicyDenied = 133;
    private const uint PolicyDeny = 181;
    private const uint AuthRequired = 189;

    /// <summary>The field the current property name denotes, in an envelope or in a flow.</summary>
    public static HubbleField Flow(ReadOnlySpan<byte> name, bool envelope)
    {
        if (name.SequenceEqual("time"u8))
            return HubbleField.Time;
        if (name.SequenceEqual("verdict"u8))
            return HubbleField.Verdict;
        if (name.SequenceEqual("IP"u8))
            return HubbleField.IP;
        if (name.SequenceEqual("l4"u8))
            return HubbleField.L4;
        if (name.SequenceEqual("source"u8))
            return HubbleField.Source;
        if (name.SequenceEqual("destination"u8))
            return HubbleField.Destination;
        if (name.SequenceEqual("node_name"u8) || name.SequenceEqual("nodeName"u8))
            return HubbleField.NodeName;
        if (name.SequenceEqual("is_reply"u8) || name.SequenceEqual("isReply"u8))
            return HubbleField.IsReply;
        if (name.SequenceEqual("traffic_direction"u8) || name.SequenceEqual("trafficDirection"u8))
            return HubbleField.TrafficDirection;
        if (name.SequenceEqual("l7"u8))
            return HubbleField.L7;
        if (name.SequenceEqual("reply"u8))
            return HubbleField.Reply;
        if (name.SequenceEqual("drop_reason_desc"u8) || name.SequenceEqual("dropReasonDesc"u8))
            return HubbleField.DropReasonDesc;
        if (name.SequenceEqual("drop_reason"u8) || name.SequenceEqual("dropReason"u8))
            return HubbleField.DropReason;
        if (name.SequenceEqual("destination_service"u8) || name.SequenceEqual("destinationService"u8))
            return HubbleField.DestinationService;
        if (name.SequenceEqual("source_service"u8) || name.SequenceEqual("sourceService"u8))
            return HubbleField.SourceService;
        if (name.SequenceEqual("Type"u8))
            return HubbleField.Type;
        if (name.SequenceEqual("sock_xlate_point"u8) || name.SequenceEqual("sockXlatePoint"u8))
            return HubbleField.SockXlatePoint;
        if (!envelope)
            return HubbleField.None;
        if (name.SequenceEqual("flow"u8))
            return HubbleField.Flow;
        return name.SequenceEqual("lost_events"u8) || name.SequenceEqual("node_status"u8)
            || name.SequenceEqual("agent_event"u8) || name.SequenceEqual("debug_event"u8)
            || name.SequenceEqual("lostEvents"u8) || name.SequenceEqual("nodeStatus"u8)
            || name.SequenceEqual("agentEvent"u8) || name.SequenceEqual("debugEvent"u8)
            ? HubbleField.OtherEvent
            : HubbleField.None;
    }

    /// <summary>The verdict; AUDIT is a would-be drop that was let through; unknown values are Unknown.</summary>
    public static FlowVerdict Verdict(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.UInt32() switch
            {
                1 or 5 or 6 or 7 => FlowVerdict.Forwarded,
                2 => FlowVerdict.Dropped,
                3 => FlowVerdict.Error,
                4 => FlowVerdict.Audit,
                _ => FlowVerdict.Unknown,
            };
        }
        if (reader.TokenType != JsonTokenType.String)
            return FlowVerdict.Unknown;
        var value = reader.Utf8();
        if (value.SequenceEqual("FORWARDED"u8) || value.SequenceEqual("REDIRECTED"u8) || value.SequenceEqual("TRACED"u8) || value.SequenceEqual("TRANSLATED"u8))
            return FlowVerdict.Forwarded;
        if (value.SequenceEqual("DROPPED"u8))
            return FlowVerdict.Dropped;
        if (value.SequenceEqual("AUDIT"u8))
            return FlowVerdict.Audit;
        return value.SequenceEqual("ERROR"u8) ? FlowVerdict.Error : FlowVerdict.Unknown;
    }

    /// <summary>A drop reason given by name or by number.</summary>
    public static HubbleDropReason DropReason(ref Utf8JsonReader reader, TextCache text)
    {
        if (reader.TokenType == JsonTokenType.String && !TextScan.IsDigits(reader.Utf8()))
        {
            var name = reader.CachedString(text);
            return name is "" or "DROP_REASON_UNKNOWN" ? default : new HubbleDropReason(name, IsPolicyReason(name!));
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

    /// <summary>
    /// Whether a drop reason's name is a policy's: the enum names of flow.proto, or the descriptions Cilium's monitor
    /// and older exporters print instead ("Policy denied", ...), in any case.
    /// </summary>
    private static bool IsPolicyReason(string name) =>
        name.Equals("POLICY_DENIED", StringComparison.OrdinalIgnoreCase) || name.Equals("POLICY_DENY", StringComparison.OrdinalIgnoreCase)
        || name.Equals("AUTH_REQUIRED", StringComparison.OrdinalIgnoreCase) || name.Equals("Policy denied", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Policy denied by denylist", StringComparison.OrdinalIgnoreCase) || name.Equals("Authentication required", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the flow's <c>Type</c> is SOCK (3): a trace of Cilium's socket load balancer translating a <c>connect()</c>
    /// to a Service, not a packet.
    /// </summary>
    public static bool IsSocketType(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.Utf8().SequenceEqual("SOCK"u8) : reader.UInt32() == 3;

    /// <summary>Whether a <c>sock_xlate_point</c> names a translation point (any but SOCK_XLATE_POINT_UNKNOWN, 0).</summary>
    public static bool IsTranslationPoint(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? !reader.Utf8().SequenceEqual("SOCK_XLATE_POINT_UNKNOWN"u8) : reader.UInt32() is > 0;

    /// <summary>INGRESS or EGRESS, by name or number.</summary>
    public static FlowDirection Direction(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return reader.UInt32() switch { 1 => FlowDirection.Ingress, 2 => FlowDirection.Egress, _ => FlowDirection.Unknown };
        if (reader.TokenType != JsonTokenType.String)
            return FlowDirection.Unknown;
        var value = reader.Utf8();
        if (value.SequenceEqual("INGRESS"u8))
            return FlowDirection.Ingress;
        return value.SequenceEqual("EGRESS"u8) ? FlowDirection.Egress : FlowDirection.Unknown;
    }

    /// <summary>The IANA protocol number of an <c>l4</c> member name (TCP, UDP, SCTP, ICMPv4, ICMPv6, and IGMP and VRRP since Cilium 1.16).</summary>
    public static int? Protocol(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("TCP"u8))
            return 6;
        if (name.SequenceEqual("UDP"u8))
            return 17;
        if (name.SequenceEqual("ICMPv4"u8))
            return 1;
        if (name.SequenceEqual("ICMPv6"u8))
            return 58;
        if (name.SequenceEqual("IGMP"u8))
            return 2;
        if (name.SequenceEqual("VRRP"u8))
            return 112;
        return name.SequenceEqual("SCTP"u8) ? 132 : null;
    }

    /// <summary>The flags set to true in a TCPFlags object.</summary>
    public static TcpFlags TcpFlags(ref Utf8JsonReader reader)
    {
        var flags = Flows.TcpFlags.None;
        if (reader.TokenType != JsonTokenType.StartObject)
            return flags;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var flag = Flag(reader.Utf8());
            reader.Read();
            if (reader.TokenType == JsonTokenType.True)
                flags |= flag;
            reader.Skip();
        }
        return flags;
    }

    private static TcpFlags Flag(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("SYN"u8))
            return Flows.TcpFlags.Syn;
        if (name.SequenceEqual("ACK"u8))
            return Flows.TcpFlags.Ack;
        if (name.SequenceEqual("FIN"u8))
            return Flows.TcpFlags.Fin;
        if (name.SequenceEqual("RST"u8))
            return Flows.TcpFlags.Rst;
        if (name.SequenceEqual("PSH"u8))
            return Flows.TcpFlags.Psh;
        if (name.SequenceEqual("URG"u8))
            return Flows.TcpFlags.Urg;
        if (name.SequenceEqual("ECE"u8))
            return Flows.TcpFlags.Ece;
        if (name.SequenceEqual("CWR"u8))
            return Flows.TcpFlags.Cwr;
        return name.SequenceEqual("NS"u8) ? Flows.TcpFlags.Ns : Flows.TcpFlags.None;
    }
}
