using System.Text.Json;
using Palisade.Input;

namespace Palisade.Flows.Formats;

/// <summary>
/// Splits JSON flow input into entries, one object each, whatever the layout: JSON lines (one object a
/// line, read with <see cref="RecordLines"/> so that a broken line costs only that line), or a top-level
/// array of objects and pretty-printed objects one after another (<c>gcloud logging read --format=json</c>),
/// found by <see cref="JsonEntryScanner"/> with bounded memory. Entries are text; parsing them is the caller's.
/// </summary>
internal static class JsonEntries
{
    /// <summary>The entries of <paramref name="source"/>, the layout chosen from its first bytes.</summary>
    public static IEntrySource Open(InputSource source, ReadDiagnostics diagnostics) =>
        IsJsonLines(source.Head.Span)
            ? new ContainerLogEntries(new RecordLines(source, diagnostics), diagnostics, IsDockerLog(source.Head.Span))
            : new JsonEntryScanner(source, diagnostics, RecordLines.MaxLineBytes);

    /// <summary>Whether the first record is one of Docker's json-file log: the file is read as such (a record a line).</summary>
    private static bool IsDockerLog(ReadOnlySpan<byte> head) => DockerLogRecord.Starts(TextScan.SkipBomAndWhitespace(head));

    /// <summary>
    /// The records of a container's log (its first line has a prefix or is a Docker record) as JSON lines, one a line, as
    /// the readers take them out of their wrappers; null when the content is no container log.
    /// </summary>
    public static byte[]? Unwrapped(InputSource source)
    {
        var first = TextScan.FirstLine(TextScan.SkipBomAndWhitespace(source.Head.Span));
        if (!DockerLogRecord.Starts(first) && ContainerLogPrefix.Read(first).Wrapper == ContainerLogWrapper.None)
            return null;
        var diagnostics = new ReadDiagnostics();
        var entries = new ContainerLogEntries(new RecordLines(source, diagnostics), diagnostics, DockerLogRecord.Starts(first));
        using var output = new MemoryStream();
        while (entries.Next(out var entry))
        {
            output.Write(entry);
            output.WriteByte((byte)'\n');
        }
        return output.ToArray();
    }

    /// <summary>
    /// Whether the content is JSON lines: its first line that starts an object holds one whole JSON value. A
    /// line that is valid but incomplete (<c>{</c>, <c>{"insertId": "x",</c>) means a multi-line layout, as
    /// does a top-level <c>[</c>; a line that is not JSON at all is a broken line in a JSON lines file. A line may start
    /// with a container log's prefix (<see cref="ContainerLogPrefix"/>).
    /// </summary>
    internal static bool IsJsonLines(ReadOnlySpan<byte> head)
    {
        head = TextScan.SkipBomAndWhitespace(head);
        if (head.IsEmpty || head[0] == (byte)'[')
            return false;
        while (!head.IsEmpty)
        {
            var line = TextScan.FirstLine(head);
            // A container's log is line by line, whatever a part of a long line holds.
            if (ContainerLogPrefix.Read(line).Wrapper != ContainerLogWrapper.None)
                return true;
            if (line.TrimStart(" \t"u8) is [(byte)'{', ..])
                return HoldsOneValue(line);
            head = head[Math.Min(head.Length, line.Length + 1)..].TrimStart("\r\n"u8);
        }
        return false;
    }

    private static bool HoldsOneValue(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: false, state: default);
        try
        {
            return reader.Read() && reader.TrySkip() && reader.TokenType == JsonTokenType.EndObject;
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
