using Palisade.Flows;
using Palisade.Flows.Formats;
using Palisade.Input;
using Palisade.Server.Api;
using Palisade.Server.Storage;

namespace Palisade.Server.Ingestion;

/// <summary>
/// Turns a flow body into records to store, all or none: the format's own reader reads it strictly (one malformed
/// record refuses the whole body, so nothing half-stored needs undoing), and each record keeps the text it came from
/// so that it reads back alone: for VPC and CSV its line, preceded by the lines before the first record (the header),
/// one record a line; for Hubble and GCP its JSON document (JSON lines, documents over several lines, or the elements
/// of an array, as <c>gcloud logging read --format=json</c> writes them), made one line.
/// </summary>
public static class FlowBodyParser
{
    /// <summary>The records of the body, in order; <see cref="ApiProblem"/> 400 when malformed or empty.</summary>
    public static IReadOnlyList<IngestRecord> Parse(byte[] content, FlowFormat format)
    {
        var name = format.ToString().ToLowerInvariant();
        var read = Read(content, format, name);
        if (read.Count == 0)
            throw ApiProblem.BadRequest($"the {name} body holds no flow record");
        if (format is FlowFormat.Hubble or FlowFormat.Gcp)
        {
            // A container's log is stored as the records it holds, so that each reads back alone (a part of a split line would not).
            return FlowReaders.ContainerLogRecords(content) is { } unwrapped
                ? JsonRecords(unwrapped, Read(unwrapped, format, name), name)
                : JsonRecords(content, read, name);
        }
        var lines = Lines(content);
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

    /// <summary>The body's records, read strictly: a malformed one is <see cref="ApiProblem"/> 400.</summary>
    private static List<FlowRecord> Read(byte[] content, FlowFormat format, string name)
    {
        try
        {
            using var source = InputSource.FromStream($"{name} body", new MemoryStream(content, writable: false));
            return [.. FlowReaders.For(format).Read(source, new ReadDiagnostics(strict: true))];
        }
        catch (InvalidInputException e)
        {
            throw ApiProblem.BadRequest(e.Message);
        }
    }

    /// <summary>Each record with the JSON document it was read from: the first not yet taken that spans its line.</summary>
    private static List<IngestRecord> JsonRecords(byte[] content, List<FlowRecord> read, string name)
    {
        var documents = JsonDocuments.Split(content);
        var records = new List<IngestRecord>(read.Count);
        var next = 0;
        foreach (var record in read)
        {
            var line = record.Location?.Line ?? 0;
            while (next < documents.Count && documents[next].LastLine < line)
                next++;
            if (next == documents.Count || documents[next].FirstLine > line)
                throw ApiProblem.BadRequest($"{record.Location}: the record is not a JSON document of its own; send one flow a document");
            var body = documents[next++].Body;
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
