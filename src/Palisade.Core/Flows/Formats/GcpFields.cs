using System.Text.Json;

namespace Palisade.Flows.Formats;

/// <summary>The fields of a GCP log entry and its flow payload the reader uses.</summary>
internal enum GcpField
{
    None,
    JsonPayload,
    Timestamp,
    Connection,
    StartTime,
    EndTime,
    BytesSent,
    PacketsSent,
    Reporter,
    Disposition,
    DropReason,
    SourceGke,
    DestinationGke,
    SourceInstance,
    DestinationInstance,
}

/// <summary>The fields of a GCP <c>IpConnection</c>.</summary>
internal enum GcpConnectionField
{
    None,
    SourceIp,
    DestinationIp,
    SourcePort,
    DestinationPort,
    Protocol,
}

/// <summary>
/// Field names and values of GCP VPC flow logs (cloud.google.com/vpc/docs/about-flow-logs-records) and of
/// firewall rules logging, whose entries have the same <c>connection</c> and a <c>disposition</c>.
/// </summary>
internal static class GcpFields
{
    /// <summary>The field the current property name denotes; <c>jsonPayload</c> and <c>timestamp</c> only in an entry.</summary>
    public static GcpField Of(ReadOnlySpan<byte> name, bool entry)
    {
        if (name.SequenceEqual("connection"u8))
            return GcpField.Connection;
        if (name.SequenceEqual("start_time"u8))
            return GcpField.StartTime;
        if (name.SequenceEqual("end_time"u8))
            return GcpField.EndTime;
        if (name.SequenceEqual("bytes_sent"u8))
            return GcpField.BytesSent;
        if (name.SequenceEqual("packets_sent"u8))
            return GcpField.PacketsSent;
        if (name.SequenceEqual("reporter"u8))
            return GcpField.Reporter;
        if (name.SequenceEqual("src_gke_details"u8))
            return GcpField.SourceGke;
        if (name.SequenceEqual("dest_gke_details"u8))
            return GcpField.DestinationGke;
        if (name.SequenceEqual("src_instance"u8))
            return GcpField.SourceInstance;
        if (name.SequenceEqual("dest_instance"u8))
            return GcpField.DestinationInstance;
        if (name.SequenceEqual("disposition"u8))
            return GcpField.Disposition;
        if (name.SequenceEqual("drop_reason"u8))
            return GcpField.DropReason;
        if (entry && name.SequenceEqual("jsonPayload"u8))
            return GcpField.JsonPayload;
        return entry && name.SequenceEqual("timestamp"u8) ? GcpField.Timestamp : GcpField.None;
    }

    /// <summary>The field of an <c>IpConnection</c> the current property name denotes.</summary>
    public static GcpConnectionField Connection(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("src_ip"u8))
            return GcpConnectionField.SourceIp;
        if (name.SequenceEqual("dest_ip"u8))
            return GcpConnectionField.DestinationIp;
        if (name.SequenceEqual("src_port"u8))
            return GcpConnectionField.SourcePort;
        if (name.SequenceEqual("dest_port"u8))
            return GcpConnectionField.DestinationPort;
        return name.SequenceEqual("protocol"u8) ? GcpConnectionField.Protocol : GcpConnectionField.None;
    }

    /// <summary>The reporter's side as a direction: the source reports what leaves it, the destination what enters.</summary>
    public static FlowDirection Direction(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
            return FlowDirection.Unknown;
        var value = reader.Utf8();
        if (value.SequenceEqual("SRC"u8) || value.SequenceEqual("SRC_GATEWAY"u8))
            return FlowDirection.Egress;
        return value.SequenceEqual("DEST"u8) || value.SequenceEqual("DEST_GATEWAY"u8) ? FlowDirection.Ingress : FlowDirection.Unknown;
    }

    /// <summary>
    /// ALLOWED forwards; DENIED (firewall rules logging) is a drop by a rule; DROPPED (VPC flow logs) is a
    /// drop whose cause is in <c>drop_reason</c>, by policy only when that names a firewall or policy.
    /// </summary>
    public static void Disposition(ref Utf8JsonReader reader, ref GcpDraft flow)
    {
        if (reader.TokenType != JsonTokenType.String)
            return;
        var value = reader.Utf8();
        if (value.SequenceEqual("ALLOWED"u8))
            flow.Verdict = FlowVerdict.Forwarded;
        else if (value.SequenceEqual("DENIED"u8) || value.SequenceEqual("DROPPED"u8))
            flow.Verdict = FlowVerdict.Dropped;
        flow.DroppedByPolicy |= value.SequenceEqual("DENIED"u8);
    }

    /// <summary>Whether a GCP drop reason names a firewall rule or policy.</summary>
    public static bool IsPolicyDrop(string? reason) =>
        reason is not null && (reason.Contains("FIREWALL", StringComparison.OrdinalIgnoreCase) || reason.Contains("POLICY", StringComparison.OrdinalIgnoreCase));
}
