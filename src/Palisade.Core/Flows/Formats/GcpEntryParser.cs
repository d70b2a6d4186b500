using System.Text.Json;
using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>
/// Parses one GCP VPC flow log entry: a Cloud Logging <c>LogEntry</c> whose <c>jsonPayload</c> holds the
/// flow, or the payload alone (BigQuery and Pub/Sub exports). Entries without a <c>connection</c> are other
/// logs and are counted as skipped. GKE details repeat verbatim, so they are decoded once per distinct text.
/// </summary>
internal sealed class GcpEntryParser(ReadDiagnostics diagnostics) : IEntryParser
{
    private readonly TextCache _text = new();
    private readonly ByteKeyCache<FlowEndpointInfo> _gkeDetails = new(2048, 4096);

    /// <inheritdoc />
    public FlowRecord? Parse(ReadOnlySpan<byte> json, SourceLocation location) =>
        JsonFlowObject.Parse(json, location, diagnostics, this, static (GcpEntryParser parser, ref Utf8JsonReader reader, ref GcpDraft flow, ReadOnlySpan<byte> entry) =>
            parser.ReadPayload(ref reader, ref flow, entry, entry: true));

    /// <summary>Reads a log entry or its payload; the entry's <c>timestamp</c> stands in for a missing <c>start_time</c>.</summary>
    private void ReadPayload(ref Utf8JsonReader reader, ref GcpDraft flow, ReadOnlySpan<byte> json, bool entry)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = GcpFields.Of(reader.Utf8(), entry);
            reader.Read();
            switch (field)
            {
                case GcpField.JsonPayload when reader.TokenType == JsonTokenType.StartObject:
                    ReadPayload(ref reader, ref flow, json, entry: false);
                    break;
                case GcpField.Timestamp:
                    flow.Timestamp = reader.Time(out flow.InvalidTimestamp);
                    break;
                case GcpField.Connection:
                    ReadConnection(ref reader, ref flow);
                    break;
                case GcpField.StartTime:
                    flow.Start = reader.Time(out var invalidStart);
                    flow.InvalidTime ??= invalidStart;
                    break;
                case GcpField.EndTime:
                    flow.End = reader.Time(out var invalidEnd);
                    flow.InvalidTime ??= invalidEnd;
                    break;
                case GcpField.BytesSent:
                    flow.Bytes = reader.Int64();
                    break;
                case GcpField.PacketsSent:
                    flow.Packets = reader.Int64();
                    break;
                case GcpField.Reporter:
                    flow.Direction = GcpFields.Direction(ref reader);
                    break;
                case GcpField.Disposition:
                    GcpFields.Disposition(ref reader, ref flow);
                    break;
                case GcpField.DropReason:
                    flow.DropReason = reader.CachedString(_text);
                    break;
                case GcpField.SourceGke:
                    flow.SourceInfo = GkeDetails(ref reader, json);
                    break;
                case GcpField.DestinationGke:
                    flow.DestinationInfo = GkeDetails(ref reader, json);
                    break;
                case GcpField.SourceInstance:
                    flow.SourceVm = VmName(ref reader);
                    break;
                case GcpField.DestinationInstance:
                    flow.DestinationVm = VmName(ref reader);
                    break;
            }
            reader.Skip();
        }
    }

    private void ReadConnection(ref Utf8JsonReader reader, ref GcpDraft flow)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return;
        flow.HasConnection = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = GcpFields.Connection(reader.Utf8());
            reader.Read();
            switch (field)
            {
                case GcpConnectionField.SourceIp when reader.TokenType == JsonTokenType.String:
                    flow.Source = _text.Address(reader.Utf8());
                    break;
                case GcpConnectionField.DestinationIp when reader.TokenType == JsonTokenType.String:
                    flow.Destination = _text.Address(reader.Utf8());
                    break;
                case GcpConnectionField.SourcePort:
                    flow.SourcePort = reader.Port();
                    break;
                case GcpConnectionField.DestinationPort:
                    flow.DestinationPort = reader.Port();
                    break;
                case GcpConnectionField.Protocol:
                    flow.Protocol = reader.UInt32() is { } protocol and <= 255 ? (int)protocol : null;
                    break;
            }
            reader.Skip();
        }
    }

    /// <summary>GKE details, decoded once per distinct JSON text of the object.</summary>
    private FlowEndpointInfo? GkeDetails(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return null;
        var end = reader;
        end.Skip();
        var text = json[(int)reader.TokenStartIndex..(int)end.BytesConsumed];
        if (_gkeDetails.TryGet(text, out var known))
        {
            reader = end;
            return known;
        }
        var details = GcpGkeDetails.Read(ref reader, _text);
        _gkeDetails.Set(text, details);
        return details;
    }

    private string? VmName(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return null;
        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.Utf8();
            var isName = key.SequenceEqual("vm_name"u8);
            reader.Read();
            if (isName)
                name = reader.CachedString(_text);
            reader.Skip();
        }
        return string.IsNullOrEmpty(name) ? null : name;
    }
}
