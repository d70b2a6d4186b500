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
    public static GcpField Of(ref Utf8JsonReader reader, bool entry)
    {
        if (reader.ValueTextEquals("connection"u8))
            return GcpField.Connection;
        if (reader.ValueTextEquals("start_time"u8))
            return GcpField.StartTime;
        if (reader.ValueTextEquals("end_time"u8))
            return GcpField.EndTime;
        if (reader.ValueTextEquals("bytes_sent"u8))
            return GcpField.BytesSent;
        if (reader.ValueTextEquals("packets_sent"u8))
            return GcpField.PacketsSent;
        if (reader.ValueTextEquals("reporter"u8))
            return GcpField.Reporter;
        if (reader.ValueTextEquals("src_gke_details"u8))
            return GcpField.SourceGke;
        if (reader.ValueTextEquals("dest_gke_details"u8))
            return GcpField.DestinationGke;
        if (reader.ValueTextEquals("src_instance"u8))
            return GcpField.SourceInstance;
        if (reader.ValueTextEquals("dest_instance"u8))
            return GcpField.DestinationInstance;
        if (reader.ValueTextEquals("disposition"u8))
            return GcpField.Disposition;
        if (reader.ValueTextEquals("drop_reason"u8))
            return GcpField.DropReason;
        if (entry && reader.ValueTextEquals("jsonPayload"u8))
            return GcpField.JsonPayload;
        return entry && reader.ValueTextEquals("timestamp"u8) ? GcpField.Timestamp : GcpField.None;
    }

    /// <summary>The field of an <c>IpConnection</c> the current property name denotes.</summary>
    public static GcpConnectionField Connection(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("src_ip"u8))
            return GcpConnectionField.SourceIp;
        if (reader.ValueTextEquals("dest_ip"u8))
            return GcpConnectionField.DestinationIp;
        if (reader.ValueTextEquals("src_port"u8))
            return GcpConnectionField.SourcePort;
        if (reader.ValueTextEquals("dest_port"u8))
            return GcpConnectionField.DestinationPort;
        return reader.ValueTextEquals("protocol"u8) ? GcpConnectionField.Protocol : GcpConnectionField.None;
    }

    /// <summary>The reporter's side as a direction: the source reports what leaves it, the destination what enters.</summary>
    public static FlowDirection Direction(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
            return FlowDirection.Unknown;
        if (reader.ValueTextEquals("SRC"u8) || reader.ValueTextEquals("SRC_GATEWAY"u8))
            return FlowDirection.Egress;
        return reader.ValueTextEquals("DEST"u8) || reader.ValueTextEquals("DEST_GATEWAY"u8) ? FlowDirection.Ingress : FlowDirection.Unknown;
    }

    /// <summary>
    /// ALLOWED forwards; DENIED (firewall rules logging) is a drop by a rule; DROPPED (VPC flow logs) is a
    /// drop whose cause is in <c>drop_reason</c>, by policy only when that names a firewall or policy.
    /// </summary>
    public static void Disposition(ref Utf8JsonReader reader, ref GcpDraft flow)
    {
        if (reader.TokenType != JsonTokenType.String)
            return;
        if (reader.ValueTextEquals("ALLOWED"u8))
        {
            flow.Verdict = FlowVerdict.Forwarded;
        }
        else if (reader.ValueTextEquals("DENIED"u8))
        {
            flow.Verdict = FlowVerdict.Dropped;
            flow.DroppedByPolicy = true;
        }
        else if (reader.ValueTextEquals("DROPPED"u8))
        {
            flow.Verdict = FlowVerdict.Dropped;
        }
    }

    /// <summary>Whether a GCP drop reason names a firewall rule or policy.</summary>
    public static bool IsPolicyDrop(string? reason) =>
        reason is not null && (reason.Contains("FIREWALL", StringComparison.OrdinalIgnoreCase) || reason.Contains("POLICY", StringComparison.OrdinalIgnoreCase));
}
