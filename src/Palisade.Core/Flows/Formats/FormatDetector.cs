using System.Text.Json;
using Palisade.Input;

namespace Palisade.Flows.Formats;

/// <summary>
/// Tells the flow format from the first bytes of a file: JSON objects with Hubble flow fields or GCP
/// <c>jsonPayload</c>/<c>connection</c>; a CSV header naming the flow columns (or a headerless line of the
/// eight columns, starting with an RFC 3339 time); a VPC header or a default format line (14 fields, the first a
/// version number), or CloudWatch Logs events in JSON or a Logs Insights table in CSV.
/// </summary>
internal static class FormatDetector
{
    /// <summary>The format of content starting with <paramref name="head"/>, or null when none fits.</summary>
    public static FlowFormat? Detect(ReadOnlySpan<byte> head)
    {
        head = TextScan.SkipBomAndWhitespace(head);
        if (head.IsEmpty)
            return null;
        if (head[0] is (byte)'{' or (byte)'[')
            // A Kubernetes audit log fetched from CloudWatch Logs has the shapes of a VPC one: it is no flow format.
            return Json(head) is { } json && (json != FlowFormat.Vpc || !AuditLogHead.Matches(head)) ? json : null;
        var first = TextScan.FirstLine(head);
        // A Logs Insights table in CSV holds VPC records, or a Kubernetes audit log searched the same way (no flow format).
        if (InsightsCsvRows.IsHeader(first))
            return AuditLogHead.Matches(head) ? null : FlowFormat.Vpc;
        return Text(first) ?? JsonLines(head);
    }

    /// <summary>
    /// Whether the first bytes of a stream tell its format: its complete lines do (a line cut short might be taken for
    /// another format's).
    /// </summary>
    public static bool Decides(ReadOnlyMemory<byte> head)
    {
        var lines = head.Span[..(head.Span.LastIndexOf((byte)'\n') + 1)];
        return !lines.IsEmpty && Detect(lines) is not null;
    }

    /// <summary>Whether the content is empty or only whitespace.</summary>
    public static bool IsEmpty(ReadOnlySpan<byte> head) => TextScan.SkipBomAndWhitespace(head).IsEmpty;

    /// <summary>CSV by its header, VPC by its header or a default format line.</summary>
    private static FlowFormat? Text(ReadOnlySpan<byte> line)
    {
        Span<CsvField> csv = stackalloc CsvField[CsvLayout.MaxFields];
        var count = CsvSplitter.Split(line, csv);
        if (count > 0 && count <= csv.Length && (CsvLayout.FromHeader(line, csv[..count]) is not null || CsvLayout.IsDefaultRecord(line, csv[..count])))
            return FlowFormat.Csv;
        Span<Range> vpc = stackalloc Range[VpcLayout.MaxFields];
        count = VpcLayout.Split(line, vpc);
        if (count > vpc.Length || count == 0)
            return null;
        var isDefaultLine = count == VpcLayout.Default.FieldCount && TextScan.IsDigits(line[vpc[0]]) || VpcLayout.EventPrefix(line, vpc[..count]) > 0;
        return isDefaultLine || VpcLayout.FromHeader(line, vpc[..count], 1) is not null ? FlowFormat.Vpc : null;
    }

    /// <summary>JSON: the first entry's own keys decide (an array's elements are the entries).</summary>
    private static FlowFormat? Json(ReadOnlySpan<byte> head) => EntryKeys(head) ?? JsonLines(head);

    /// <summary>
    /// JSON lines after broken ones, or in a container's log (after its prefix, in a Docker record): each line of the head is
    /// tried on its own.
    /// </summary>
    private static FlowFormat? JsonLines(ReadOnlySpan<byte> head)
    {
        var container = new ContainerLogJoin(RecordLines.MaxLineBytes);
        while (!head.IsEmpty)
        {
            var line = TextScan.FirstLine(head);
            if (EntryKeys(container.Unwrap(line)) is { } lineFormat)
                return lineFormat;
            head = head[Math.Min(head.Length, line.Length + 1)..].TrimStart("\r\n"u8);
        }
        return null;
    }

    private static FlowFormat? EntryKeys(ReadOnlySpan<byte> text)
    {
        var options = new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 64 };
        var reader = new Utf8JsonReader(text, isFinalBlock: false, new JsonReaderState(options));
        var inArray = false;
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                    inArray = reader.TokenType == JsonTokenType.StartArray;
                else if (inArray && reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.String)
                    // CloudWatch Logs messages alone (filter-log-events --query 'events[].message'): VPC records.
                    return !reader.ValueIsEscaped && Text(reader.ValueSpan) == FlowFormat.Vpc ? FlowFormat.Vpc : null;
                else if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == (inArray ? 2 : 1) && Key(ref reader) is { } format)
                    return format;
            }
        }
        catch (JsonException)
        {
            // Not JSON from here on: what was seen before did not decide.
        }
        return null;
    }

    private static FlowFormat? Key(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("jsonPayload"u8) || reader.ValueTextEquals("connection"u8))
            return FlowFormat.Gcp;
        // CloudWatch Logs events (filter-log-events, get-log-events, a subscription's payloads, the events alone in an
        // array or one after another), and Logs Insights results (get-query-results, the console's download): VPC flow logs published there.
        if (reader.ValueTextEquals("events"u8) || reader.ValueTextEquals("logEvents"u8) || reader.ValueTextEquals("results"u8)
            || reader.ValueTextEquals("logStreamName"u8)
            || reader.ValueTextEquals("@message"u8) || (reader.CurrentDepth == 2 && reader.ValueTextEquals("message"u8)))
            return FlowFormat.Vpc;
        ReadOnlySpan<string> hubble = ["flow", "IP", "l4", "l7", "verdict", "traffic_direction", "is_reply", "drop_reason_desc", "event_type"];
        foreach (var key in hubble)
        {
            if (reader.ValueTextEquals(key))
                return FlowFormat.Hubble;
        }
        return null;
    }
}
