using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>
/// Parses AWS VPC flow log lines, following the layout of the last header seen (S3 files concatenated
/// repeat it) or the default version 2 format, bare or after the event time (and log stream) CloudWatch Logs exports write. One per read.
/// </summary>
internal sealed class VpcLineParser(ReadDiagnostics diagnostics) : IEntryParser
{
    private readonly TextCache _text = new();
    private readonly Range[] _fields = new Range[VpcLayout.MaxFields];
    private VpcLayout _layout = VpcLayout.Default;

    /// <inheritdoc />
    public FlowRecord? Parse(ReadOnlySpan<byte> line, SourceLocation location)
    {
        Span<Range> fields = _fields;
        var count = VpcLayout.Split(line, fields);
        // A CloudWatch Logs event or a Logs Insights row whose message is empty or blank.
        if (count == 0)
            return Malformed(location, "an empty record");
        if (count > fields.Length)
            return Malformed(location, $"more than {VpcLayout.MaxFields} fields");
        if (line[fields[0]][0] is >= (byte)'a' and <= (byte)'z' or (byte)'$' && VpcLayout.FromHeader(line, fields[..count], location.Line) is { } header)
        {
            _layout = header;
            return null;
        }
        if (count != _layout.FieldCount)
        {
            // CloudWatch Logs' exports write each event's time (and aws logs tail its log stream) before the record.
            if (_layout == VpcLayout.Default && VpcLayout.EventPrefix(line, fields[..count]) is > 0 and var prefix)
                return Record(new VpcFields(line, fields[prefix..count], _layout), location);
            return Malformed(location, $"{count} fields where {_layout.Description} has {_layout.FieldCount}");
        }
        return Record(new VpcFields(line, fields[..count], _layout), location);
    }

    private FlowRecord? Record(VpcFields fields, SourceLocation location)
    {
        var status = fields[VpcColumn.LogStatus];
        if (status.SequenceEqual("NODATA"u8) || status.SequenceEqual("SKIPDATA"u8))
        {
            diagnostics.Skip();
            return null;
        }
        if (!fields.TryTime(VpcColumn.Start, out var start) || start is null)
            return Malformed(location, _layout[VpcColumn.Start] < 0 ? "the format has no start field" : $"invalid start '{TextScan.Excerpt(fields[VpcColumn.Start])}' (Unix seconds expected)");
        if (!fields.TryTime(VpcColumn.End, out var end))
            return Malformed(location, $"invalid end '{TextScan.Excerpt(fields[VpcColumn.End])}'");
        if (!fields.TryPort(VpcColumn.SourcePort, out var sourcePort) || !fields.TryPort(VpcColumn.DestinationPort, out var destinationPort))
            return Malformed(location, "invalid port (0 to 65535 expected)");
        if (!fields.TryNumber(VpcColumn.Protocol, 255, out var protocol))
            return Malformed(location, $"invalid protocol '{TextScan.Excerpt(fields[VpcColumn.Protocol])}' (IANA number expected)");
        if (protocol is FlowProtocols.Icmp or FlowProtocols.IcmpV6)
        {
            // An ICMP message has no ports: AWS writes 0 there, and an export writing its type and code there (as NetFlow
            // does) must not make a ping sweep a one-port scan, as the same sweep in CSV is not.
            sourcePort = null;
            destinationPort = null;
        }
        if (!fields.TryNumber(VpcColumn.Packets, long.MaxValue, out var packets) || !fields.TryNumber(VpcColumn.Bytes, long.MaxValue, out var bytes))
            return Malformed(location, "invalid packets or bytes count");
        if (!fields.TryNumber(VpcColumn.TcpFlags, 0x1FF, out var flags))
            return Malformed(location, $"invalid tcp-flags '{TextScan.Excerpt(fields[VpcColumn.TcpFlags])}'");
        var action = fields[VpcColumn.Action];
        var rejected = action.SequenceEqual("REJECT"u8);
        return new FlowRecord
        {
            Time = start.Value,
            End = end,
            Source = Address(fields, VpcColumn.PacketSourceAddress, VpcColumn.SourceAddress),
            Destination = Address(fields, VpcColumn.PacketDestinationAddress, VpcColumn.DestinationAddress),
            SourcePort = sourcePort,
            DestinationPort = destinationPort,
            Protocol = (int?)protocol,
            Flags = (TcpFlags)(flags ?? 0),
            Verdict = rejected ? FlowVerdict.Dropped : action.SequenceEqual("ACCEPT"u8) ? FlowVerdict.Forwarded : FlowVerdict.Unknown,
            DroppedByPolicy = rejected,
            DropReason = rejected && fields.Has(VpcColumn.RejectReason) ? _text.String(fields[VpcColumn.RejectReason]) : null,
            Direction = Direction(fields[VpcColumn.FlowDirection]),
            Packets = packets,
            Bytes = bytes,
            Format = FlowFormat.Vpc,
            Location = location,
        };
    }

    /// <summary>The packet's own address when the format has it (behind NAT or a load balancer), else the interface's.</summary>
    private System.Net.IPAddress? Address(VpcFields fields, VpcColumn packet, VpcColumn interfaceAddress) =>
        fields.Has(packet) ? _text.Address(fields[packet]) : fields.Has(interfaceAddress) ? _text.Address(fields[interfaceAddress]) : null;

    private static FlowDirection Direction(ReadOnlySpan<byte> text) =>
        text.SequenceEqual("ingress"u8) ? FlowDirection.Ingress : text.SequenceEqual("egress"u8) ? FlowDirection.Egress : FlowDirection.Unknown;

    private FlowRecord? Malformed(SourceLocation location, string problem)
    {
        diagnostics.Report(location, problem);
        return null;
    }
}
