using Palisade.Input;

namespace Palisade.Flows.Formats;

/// <summary>
/// Reads AWS VPC flow logs as plain text (CloudWatch Logs exports, S3 objects, gzip or not): the default
/// version 2 format, or a custom format named by a header line, which may repeat mid-file; or as the messages of
/// CloudWatch Logs events in JSON (<see cref="CloudWatchEvents"/>) or a Logs Insights table in CSV
/// (<see cref="InsightsCsvRows"/>), which are records of the default format. <c>-</c> is
/// "not given"; NODATA and SKIPDATA records are counted as skipped.
/// </summary>
public sealed class VpcReader : IFlowReader
{
    /// <inheritdoc />
    public FlowFormat Format => FlowFormat.Vpc;

    /// <inheritdoc />
    public IEnumerable<FlowRecord> Read(InputSource source, ReadDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var head = TextScan.SkipBomAndWhitespace(source.Head.Span);
        IEntrySource entries = head is [(byte)'{' or (byte)'[', ..]
            ? new CloudWatchEvents(source, diagnostics, RecordLines.MaxLineBytes)
            : InsightsCsvRows.IsHeader(TextScan.FirstLine(head)) ? new InsightsCsvRows(source, diagnostics)
            : new RecordLines(source, diagnostics);
        return EntryLoop.Records(entries, new VpcLineParser(diagnostics));
    }
}
