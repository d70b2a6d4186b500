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
            : "is not a flow format Palisade knows; tried Hubble JSON (objects with flow or Hubble flow fields), " +
              "GCP JSON (entries with jsonPayload or connection), CSV (a header naming time,src_ip,dst_ip,...) and " +
              "AWS VPC flow logs (a header of field names, or 14 fields starting with a version number); name the format to read it anyway";
        throw new InvalidInputException(new SourceLocation(source.Name), null, null, problem);
    }

    /// <summary>
    /// The records of every file in order, streamed: each is opened when reached (<c>-</c> reads
    /// <paramref name="standardInput"/>), read in <paramref name="format"/> or its detected one, and closed.
    /// Empty files give no records; files whose every record was malformed are bad input
    /// (<see cref="ReadDiagnostics.NothingRead"/>).
    /// </summary>
    public static IEnumerable<FlowRecord> Read(IEnumerable<string> paths, FlowFormat? format, ReadDiagnostics diagnostics, Stream? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(diagnostics);
        return ReadAll(paths, format, diagnostics, standardInput);
    }

    private static IEnumerable<FlowRecord> ReadAll(IEnumerable<string> paths, FlowFormat? format, ReadDiagnostics diagnostics, Stream? standardInput)
    {
        var (names, malformed, read) = (new List<string>(), diagnostics.Malformed, 0L);
        foreach (var path in paths)
        {
            using var source = InputSource.Open(path, standardInput);
            names.Add(source.Name);
            if (IsBlank(source, diagnostics))
                continue;
            foreach (var record in For(format ?? Detect(source)).Read(source, diagnostics))
            {
                read++;
                yield return record;
            }
        }
        if (diagnostics.NothingRead(names, "flow record", read, malformed) is { } error)
            throw error;
    }

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
