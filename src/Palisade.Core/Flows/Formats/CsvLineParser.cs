using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>
/// Parses flow CSV lines after their header (which may repeat, as when files are concatenated); lines
/// before any header are malformed. One per read.
/// </summary>
internal sealed class CsvLineParser(ReadDiagnostics diagnostics) : IEntryParser
{
    private readonly TextCache _text = new();
    private readonly byte[] _scratch = new byte[1024];
    private readonly CsvField[] _fields = new CsvField[CsvLayout.MaxFields];
    private CsvLayout? _layout;

    /// <inheritdoc />
    public FlowRecord? Parse(ReadOnlySpan<byte> line, SourceLocation location)
    {
        Span<CsvField> fields = _fields;
        var count = CsvSplitter.Split(line, fields);
        if (count < 0)
            return Malformed(location, "unterminated or misplaced quote");
        if (count > fields.Length)
            return Malformed(location, $"more than {CsvLayout.MaxFields} fields");
        fields = fields[..count];
        // Data lines start with a timestamp or an address; a header (maybe repeated) with a column name.
        if (line.TrimStart(" \""u8) is [>= (byte)'A' and <= (byte)'z', ..] && CsvLayout.FromHeader(line, fields) is { } header)
        {
            _layout = header;
            return null;
        }
        if (_layout is null && CsvLayout.IsDefaultRecord(line, fields))
            _layout = CsvLayout.Default;
        if (_layout is null)
            return Malformed(location, $"no header line naming {string.Join(',', CsvLayout.Names)} before this line");
        if (count != _layout.FieldCount)
            return Malformed(location, $"{count} fields where the header has {_layout.FieldCount}");
        return Record(line, fields, _layout, location);
    }

    private FlowRecord? Record(ReadOnlySpan<byte> line, ReadOnlySpan<CsvField> fields, CsvLayout layout, SourceLocation location)
    {
        var time = Value(line, fields, layout, CsvColumn.Time);
        if (!Rfc3339.TryParse(time, out var when))
            return Malformed(location, time.IsEmpty ? "missing time" : $"invalid time '{TextScan.Excerpt(time)}' (RFC 3339 expected)");
        if (!TryPort(Value(line, fields, layout, CsvColumn.SourcePort), out var sourcePort)
            || !TryPort(Value(line, fields, layout, CsvColumn.DestinationPort), out var destinationPort))
            return Malformed(location, "invalid port (0 to 65535 expected)");
        var bytesText = Value(line, fields, layout, CsvColumn.Bytes);
        long? bytes = null;
        if (!bytesText.IsEmpty)
        {
            if (!FieldText.TryParse(bytesText, long.MaxValue, out var count))
                return Malformed(location, $"invalid bytes '{TextScan.Excerpt(bytesText)}'");
            bytes = count;
        }
        var protocolText = Value(line, fields, layout, CsvColumn.Protocol);
        var protocol = FieldText.Protocol(protocolText);
        if (protocol is null && !protocolText.IsEmpty)
            return Malformed(location, $"invalid protocol '{TextScan.Excerpt(protocolText)}' (TCP, UDP, SCTP, ICMP or an IANA number expected)");
        if (protocol is FlowProtocols.Icmp or FlowProtocols.IcmpV6)
        {
            // NetFlow exporters (nfdump) write an ICMP message's type and code where the ports go: they are not ports.
            sourcePort = null;
            destinationPort = null;
        }
        var verdictText = Value(line, fields, layout, CsvColumn.Verdict);
        if (CsvVerdict(verdictText) is not { } verdict)
            return Malformed(location, $"invalid verdict '{TextScan.Excerpt(verdictText)}' (FORWARDED, ALLOWED, ACCEPT, DROPPED, DENIED, REJECT or empty expected)");
        return new FlowRecord
        {
            Time = when,
            Source = _text.Address(Value(line, fields, layout, CsvColumn.SourceIp)),
            Destination = _text.Address(Value(line, fields, layout, CsvColumn.DestinationIp)),
            SourcePort = sourcePort,
            DestinationPort = destinationPort,
            Protocol = protocol,
            Bytes = bytes,
            Verdict = verdict,
            DroppedByPolicy = verdict == FlowVerdict.Dropped,
            Format = FlowFormat.Csv,
            Location = location,
        };
    }

    private ReadOnlySpan<byte> Value(ReadOnlySpan<byte> line, ReadOnlySpan<CsvField> fields, CsvLayout layout, CsvColumn column) =>
        layout[column] is var index and >= 0 ? CsvSplitter.Value(line, fields[index], _scratch) : default;

    private static bool TryPort(ReadOnlySpan<byte> text, out int? port)
    {
        port = null;
        if (text.IsEmpty)
            return true;
        if (!FieldText.TryParsePort(text, out var value))
            return false;
        port = value == 0 ? null : value;
        return true;
    }

    /// <summary>
    /// FORWARDED/ALLOWED/ACCEPT, DROPPED/DENIED/REJECT (any case), empty for none; the action words other exporters write
    /// (Calico's allow and deny, Antrea's Allow, Drop and Reject, firewalls' ACCEPTED and BLOCKED, Cisco's and Juniper's permit
    /// and discard, iptables' FORWARD; not PASS, which Antrea and OVN-Kubernetes log for an AdminNetworkPolicy's Pass, a
    /// decision left to the next tier); and the rest of Hubble's
    /// verdicts, which a CSV export of Hubble flows carries as they are (REDIRECTED, TRACED, TRANSLATED delivered; AUDIT a
    /// would-be drop let through; ERROR not a policy drop); none also as said outright (Hubble's UNKNOWN or VERDICT_UNKNOWN,
    /// a dash). Null for any other word: read as no verdict, a delivery would be judged as the policy says, a denied-attempt
    /// where it was a policy-violation.
    /// </summary>
    private static FlowVerdict? CsvVerdict(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || IsAny(text, NoVerdict))
            return FlowVerdict.Unknown;
        if (IsAny(text, Delivered))
            return FlowVerdict.Forwarded;
        if (IsAny(text, DroppedByPolicy))
            return FlowVerdict.Dropped;
        if (FieldText.EqualsUpper(text, "AUDIT"u8))
            return FlowVerdict.Audit;
        return FieldText.EqualsUpper(text, "ERROR"u8) ? FlowVerdict.Error : null;
    }

    private static readonly byte[][] Delivered =
        ["FORWARDED"u8.ToArray(), "ALLOWED"u8.ToArray(), "ALLOW"u8.ToArray(), "ACCEPT"u8.ToArray(), "ACCEPTED"u8.ToArray(),
         "PERMIT"u8.ToArray(), "PERMITTED"u8.ToArray(), "FORWARD"u8.ToArray(),
         "REDIRECTED"u8.ToArray(), "TRACED"u8.ToArray(), "TRANSLATED"u8.ToArray()];

    private static readonly byte[][] NoVerdict = ["UNKNOWN"u8.ToArray(), "VERDICT_UNKNOWN"u8.ToArray(), "-"u8.ToArray()];

    private static readonly byte[][] DroppedByPolicy =
        ["DROPPED"u8.ToArray(), "DROP"u8.ToArray(), "DENIED"u8.ToArray(), "DENY"u8.ToArray(), "REJECT"u8.ToArray(),
         "REJECTED"u8.ToArray(), "BLOCKED"u8.ToArray(), "BLOCK"u8.ToArray(), "DISCARD"u8.ToArray(), "DISCARDED"u8.ToArray()];

    private static bool IsAny(ReadOnlySpan<byte> text, byte[][] words)
    {
        foreach (var word in words)
        {
            if (FieldText.EqualsUpper(text, word))
                return true;
        }
        return false;
    }

    private FlowRecord? Malformed(SourceLocation location, string problem)
    {
        diagnostics.Report(location, problem);
        return null;
    }
}
