using Palisade.Flows;
using Palisade.Flows.Formats;
using Palisade.Input;
using Palisade.Server.Api;
using Palisade.Server.Storage;

namespace Palisade.Server.Ingestion;

/// <summary>
/// Turns a flow body into records to store, all or none: the format's own reader reads it strictly (one malformed
/// record refuses the whole body, so nothing half-stored needs undoing), and each record keeps the line it came from,
/// preceded by the lines before the first record (the header of VPC and CSV) so that it reads back alone.
/// One record a line: a body whose records share a line (a JSON array) is refused.
/// </summary>
public static class FlowBodyParser
{
    /// <summary>The records of the body, in order; <see cref="ApiProblem"/> 400 when malformed or empty.</summary>
    public static IReadOnlyList<IngestRecord> Parse(byte[] content, FlowFormat format)
    {
        var name = format.ToString().ToLowerInvariant();
        var lines = Lines(content);
        var read = new List<FlowRecord>();
        try
        {
            using var source = InputSource.FromStream($"{name} body", new MemoryStream(content, writable: false));
            read.AddRange(FlowReaders.For(format).Read(source, new ReadDiagnostics(strict: true)));
        }
        catch (InvalidInputException e)
        {
            throw ApiProblem.BadRequest(e.Message);
        }
        if (read.Count == 0)
            throw ApiProblem.BadRequest($"the {name} body holds no flow record");
        var first = read[0].Location?.Line ?? 1;
        var header = first > 1 ? string.Join('\n', lines.Take(first - 1).Select(l => System.Text.Encoding.UTF8.GetString(l.Span))) + "\n" : "";
        var headerBytes = System.Text.Encoding.UTF8.GetBytes(header);
        var records = new List<IngestRecord>(read.Count);
        var previousLine = 0;
        foreach (var record in read)
        {
            var line = record.Location?.Line ?? 0;
            if (line <= previousLine || line > lines.Count)
                throw ApiProblem.BadRequest($"{record.Location}: several records on one line; send one record a line (JSON lines, not an array)");
            previousLine = line;
            var text = lines[line - 1].Span;
            var body = new byte[headerBytes.Length + text.Length];
            headerBytes.CopyTo(body, 0);
            text.CopyTo(body.AsSpan(headerBytes.Length));
            records.Add(new IngestRecord(RecordKind.Flow, name, RecordHash.OfFlow(name, body), record.Time, body));
        }
        return records;
    }

    /// <summary>The body's lines without their line ends, numbered from 1 as the readers number them.</summary>
    private static List<ReadOnlyMemory<byte>> Lines(byte[] content)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        for (var i = 0; i <= content.Length; i++)
        {
            if (i < content.Length && content[i] != (byte)'\n')
                continue;
            var end = i > start && content[i - 1] == (byte)'\r' ? i - 1 : i;
            lines.Add(content.AsMemory(start, end - start));
            start = i + 1;
        }
        return lines;
    }
}
