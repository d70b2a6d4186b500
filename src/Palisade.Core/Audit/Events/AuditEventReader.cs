using Palisade.Input;
using Palisade.Model;

namespace Palisade.Audit.Events;

/// <summary>
/// Reads Kubernetes audit events from log files, whatever the wrapper, detected per JSON value: audit.k8s.io
/// Events one a line or pretty-printed, EventLists (the webhook's batches), GKE Cloud Logging entries, AKS
/// diagnostic records and EKS CloudWatch exports (also as an export to S3 writes them, each event after its time, and as
/// CloudWatch Logs Insights results: <c>aws logs get-query-results</c> JSON or the console's CSV download),
/// each also as a JSON array or wrapped export document, gzip or not. Memory stays bounded by the largest single value (<see cref="MaxValueBytes"/>). Malformed records go to
/// the <see cref="ReadDiagnostics"/>. Not thread-safe.
/// </summary>
public sealed class AuditEventReader
{
    /// <summary>The default limit on one JSON value (an event, or an element of a wrapper document).</summary>
    public const int DefaultMaxValueBytes = 64 * 1024 * 1024;

    private readonly AuditRecordParser _parser = new();

    /// <summary>A reader; a value larger than <paramref name="maxValueBytes"/> is malformed and skipped.</summary>
    public AuditEventReader(int maxValueBytes = DefaultMaxValueBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxValueBytes, 1024);
        MaxValueBytes = maxValueBytes;
    }

    /// <summary>The limit on one JSON value.</summary>
    public int MaxValueBytes { get; }

    /// <summary>
    /// Events read so far, over every call: each Event after unwrapping EventList items and cloud envelopes
    /// (the <c>events</c> figure of the <c>audit</c> output).
    /// </summary>
    public long EventsRead { get; private set; }

    /// <summary>
    /// Reads the files (<c>-</c> is <paramref name="standardInput"/>); a missing file is bad input, and so are files whose
    /// every record was malformed (<see cref="ReadDiagnostics.NothingRead"/>). Several files (the logs of each API server of
    /// a highly available control plane, rotated logs the shell lists newest first) are read side by side and their events
    /// taken in time order, each file's own order kept, so the ordering of requests never has a whole file to undo; with
    /// standard input among them, or more than <see cref="TimeOrderedMerge.MaxStreams"/>, one after the other.
    /// </summary>
    public IEnumerable<AuditEvent> Read(IEnumerable<string> paths, ReadDiagnostics diagnostics, Stream? standardInput = null)
    {
        var (names, malformed, read) = (new List<string>(), diagnostics.Malformed, 0L);
        var list = paths.ToArray();
        var files = Array.ConvertAll(list, path => OneFile(path, diagnostics, standardInput, names));
        var events = files.Length > 1 && files.Length <= TimeOrderedMerge.MaxStreams && !list.Contains("-")
            ? TimeOrderedMerge.Of(files, static e => e.RequestReceived)
            : files.SelectMany(file => file);
        foreach (var auditEvent in events)
        {
            read++;
            yield return auditEvent;
        }
        if (diagnostics.NothingRead(names, "audit event", read, malformed) is { } error)
            throw error;
    }

    private IEnumerable<AuditEvent> OneFile(string path, ReadDiagnostics diagnostics, Stream? standardInput, List<string> names)
    {
        // The reader detects nothing from the head (records are scanned as they come), so a live stream's first bytes
        // end it: its first events are not held for kilobytes more.
        using var source = InputSource.Open(path, standardInput, static _ => true);
        names.Add(source.Name);
        foreach (var auditEvent in Read(source, diagnostics))
            yield return auditEvent;
    }

    /// <summary>Reads one opened input.</summary>
    public IEnumerable<AuditEvent> Read(InputSource source, ReadDiagnostics diagnostics)
    {
        var insights = InsightsCsvStream.IsExport(source.Head.Span);
        if (insights && InsightsCsvStream.HeaderProblem(source.Head.Span) is { } problem)
        {
            diagnostics.Report(new SourceLocation(source.Name, 1, 1), problem);
            yield break;
        }
        var scanner = new JsonRecordScanner(insights ? new InsightsCsvStream(source.Content, MaxValueBytes) : source.Content, MaxValueBytes);
        var withoutIdBefore = _parser.WithoutAuditId;
        while (Next(source.Name, scanner, diagnostics, out var auditEvent))
        {
            if (auditEvent is null)
                continue;
            EventsRead++;
            yield return auditEvent;
        }
        // Once per file, not per line: a generated log lacks the id on every line.
        if (_parser.WithoutAuditId - withoutIdBefore is var withoutId and > 0)
            diagnostics.Note($"{source.Name}: {withoutId} audit event{(withoutId == 1 ? "" : "s")} without auditID; the stages of a request are merged by its requestReceivedTimestamp "
                + "(else stageTimestamp), user, verb, objectRef and requestURI");
    }

    /// <summary>The next record's event (null when it was malformed or skipped); false at the end of the input.</summary>
    private bool Next(string file, JsonRecordScanner scanner, ReadDiagnostics diagnostics, out AuditEvent? auditEvent)
    {
        auditEvent = null;
        ScanResult result;
        try
        {
            result = scanner.Next();
        }
        catch (InvalidDataException e)
        {
            // A corrupt gzip stream: nothing after this point can be trusted.
            var (line, column) = scanner.CurrentPosition;
            diagnostics.Report(new SourceLocation(file, line, column), $"corrupt compressed data: {e.Message}");
            return false;
        }
        for (; scanner.SkippedBetweenParts > 0; scanner.SkippedBetweenParts--)
            diagnostics.Skip();
        switch (result)
        {
            case ScanResult.End:
                return false;
            case ScanResult.Skipped:
                diagnostics.Skip();
                return true;
            case ScanResult.Malformed:
                var (problemLine, problemColumn) = scanner.ProblemPosition;
                diagnostics.Report(new SourceLocation(file, problemLine, problemColumn), scanner.Problem);
                return true;
            default:
                var (recordLine, recordColumn) = scanner.Position(scanner.RecordStart);
                auditEvent = _parser.Parse(scanner.Record, new RecordPosition(file, recordLine, recordColumn), scanner.InEventList, scanner.Tentative, scanner.MayBeDocument, diagnostics, out var retry);
                if (retry)
                    scanner.Retry();
                return true;
        }
    }
}
