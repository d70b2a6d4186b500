using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>The flow readers by format, format detection, and reading a list of files as one stream of records.</summary>
public static class FlowReaders
{
    private static readonly IFlowReader[] Readers = [new HubbleReader(), new VpcReader(), new GcpReader(), new CsvReader()];

    /// <summary>Every reader, one per format.</summary>
    public static IReadOnlyList<IFlowReader> All => Readers;

    /// <summary>The reader of <paramref name="format"/>.</summary>
    public static IFlowReader For(FlowFormat format) =>
        Array.Find(Readers, reader => reader.Format == format) ?? throw new ArgumentOutOfRangeException(nameof(format), format, "no reader for this format");

    /// <summary>
    /// The format of <paramref name="source"/>, told from its first bytes; an <see cref="InvalidInputException"/>
    /// naming the file and the formats tried when none fits (or the file is empty).
    /// </summary>
    public static FlowFormat Detect(InputSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var head = source.Head.Span;
        if (FormatDetector.Detect(head) is { } format)
            return format;
        var problem = FormatDetector.IsEmpty(head)
            ? CorruptCompression(source) is { } corrupt ? $"compressed data is corrupt ({corrupt})" : "is empty: no flow format to detect"
            // '--audit a.log b.log' leaves b.log among the flow files: say what it is and how to give it.
            : AuditLogHead.Matches(head) ? "is a Kubernetes audit log, not flows: give each audit log with its own --audit"
            : Baseline.BaselineJson.LooksLikeBaseline(head) ? "is a flow baseline, not flows: give each baseline with its own --baseline"
            : "is not a flow format Palisade knows; tried Hubble JSON (objects with flow or Hubble flow fields), " +
              "GCP JSON (entries with jsonPayload or connection), CSV (a header naming time,src_ip,dst_ip,...) and " +
              "AWS VPC flow logs (a header of field names, or 14 fields starting with a version number, after the event time and log stream of a CloudWatch Logs export, or CloudWatch Logs events in JSON); name the format to read it anyway";
        throw new InvalidInputException(new SourceLocation(source.Name), null, null, problem);
    }

    /// <summary>
    /// The JSON records of a container's log (after <c>kubectl logs --timestamps</c>' time or the runtime's prefix, or in
    /// Docker's json-file records, split lines joined), one a line, as the Hubble and GCP readers take them; null when the
    /// content is no container log. What the readers find malformed in it is left out.
    /// </summary>
    public static byte[]? ContainerLogRecords(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var source = InputSource.FromStream("content", new MemoryStream(content, writable: false));
        return JsonEntries.Unwrapped(source);
    }

    /// <summary>The format of content starting with <paramref name="head"/>, or null when none fits (nothing is read).</summary>
    public static FlowFormat? Recognise(ReadOnlySpan<byte> head) => FormatDetector.Detect(head);

    /// <summary>
    /// The records of every file, streamed: each is opened (<c>-</c> reads <paramref name="standardInput"/>), read in
    /// <paramref name="format"/> or its detected one, and closed.
    /// Empty files give no records; files whose every record was malformed are bad input
    /// (<see cref="ReadDiagnostics.NothingRead"/>). Several files are read side by side and their records taken in time
    /// order, each file's own order kept (<see cref="TimeOrderedMerge"/>); with standard input among them, or more than
    /// <see cref="TimeOrderedMerge.MaxStreams"/>, one after the other.
    /// </summary>
    public static IEnumerable<FlowRecord> Read(IEnumerable<string> paths, FlowFormat? format, ReadDiagnostics diagnostics, Stream? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(diagnostics);
        return ReadAll(paths, format, false, diagnostics, standardInput);
    }

    /// <summary>
    /// As <see cref="Read"/>, but each file in the format detected from its first bytes, <paramref name="fallback"/> only
    /// where none is: files that need not share the format named for others (a baseline's flows of a learning period
    /// captured otherwise than the flows checked).
    /// </summary>
    public static IEnumerable<FlowRecord> ReadDetected(IEnumerable<string> paths, FlowFormat? fallback, ReadDiagnostics diagnostics, Stream? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(diagnostics);
        return ReadAll(paths, fallback, true, diagnostics, standardInput);
    }

    private static IEnumerable<FlowRecord> ReadAll(IEnumerable<string> paths, FlowFormat? format, bool detectFirst, ReadDiagnostics diagnostics, Stream? standardInput)
    {
        var (names, malformed, read) = (new List<string>(), diagnostics.Malformed, 0L);
        var list = paths.ToArray();
        var files = Array.ConvertAll(list, path => OneFile(path, format, detectFirst, diagnostics, standardInput, names));
        // Several files of one capture (a node or an interface each) hold one connection's records at its several points:
        // taken in time order they meet as they happened. A live stream never ends, so standard input is not merged.
        var records = files.Length > 1 && files.Length <= TimeOrderedMerge.MaxStreams && !list.Contains("-")
            ? TimeOrderedMerge.Of(files, static r => r.Time)
            : files.SelectMany(file => file);
        foreach (var record in records)
        {
            read++;
            yield return record;
        }
        if (diagnostics.NothingRead(names, "flow record", read, malformed) is { } error)
            throw error;
    }

    private static IEnumerable<FlowRecord> OneFile(string path, FlowFormat? format, bool detectFirst, ReadDiagnostics diagnostics, Stream? standardInput, List<string> names)
    {
        using var source = InputSource.Open(path, standardInput, FormatDetector.Decides);
        names.Add(source.Name);
        if (IsBlank(source, diagnostics))
            yield break;
        if (detectFirst && FormatDetector.Detect(source.Head.Span) is { } detected)
            format = detected;
        var (read, malformed) = (0L, diagnostics.Malformed);
        foreach (var record in For(format ?? Detect(source)).Read(source, diagnostics))
        {
            read++;
            yield return record;
        }
        // Records of another format are no records of the one forced (a Hubble flow holds no CloudWatch message, and is
        // another kind of log entry to GCP's reader): without this, such a file read as nothing, and the run said no alert.
        if (read == 0 && diagnostics.Malformed == malformed && format is { } forced && FormatDetector.Detect(source.Head.Span) is { } held && held != forced)
            diagnostics.Report(new SourceLocation(source.Name, 1), $"read as {Name(forced)} (--format), but it holds {Name(held)} records: none could be read");
    }

    private static string Name(FlowFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>Whether a file gives no records: empty or blank; a compressed one that yields nothing is reported as corrupt.</summary>
    private static bool IsBlank(InputSource source, ReadDiagnostics diagnostics)
    {
        if (!FormatDetector.IsEmpty(source.Head.Span))
            return false;
        if (CorruptCompression(source) is { } corrupt)
            diagnostics.Report(new SourceLocation(source.Name, 1), $"compressed data is corrupt, file skipped ({corrupt})");
        return true;
    }

    /// <summary>
    /// Why a source with no content failed to decompress, if it did: <see cref="InputSource"/> keeps what
    /// inflated before an error as the head, so an empty head may hide a corrupt file.
    /// </summary>
    private static string? CorruptCompression(InputSource source)
    {
        if (!source.Head.IsEmpty)
            return null;
        try
        {
            source.Content.ReadByte();
            return null;
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
    }
}
