using System.Text.Json;
using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>
/// Splits JSON flow input into entries, one object each, whatever the layout: JSON lines (one object a
/// line, read with <see cref="RecordLines"/> so that a broken line costs only that line), or a top-level
/// array of objects and pretty-printed objects one after another (<c>gcloud logging read --format=json</c>),
/// found by brace matching with bounded memory. Entries are returned as text; parsing them is the caller's.
/// </summary>
internal sealed class JsonEntryReader : IEntrySource
{
    private readonly RecordLines? _lines;
    private readonly JsonEntryScanner? _scanner;

    /// <summary>Reads <paramref name="source"/>, choosing the layout from its first bytes.</summary>
    public JsonEntryReader(InputSource source, ReadDiagnostics diagnostics)
    {
        if (IsJsonLines(source.Head.Span))
            _lines = new RecordLines(source, diagnostics);
        else
            _scanner = new JsonEntryScanner(source, diagnostics, RecordLines.MaxLineBytes);
    }

    /// <summary>Where the entry last returned starts.</summary>
    public SourceLocation Location => _lines?.Location ?? _scanner!.Location;

    /// <summary>The next entry's text; false at the end of the input.</summary>
    public bool Next(out ReadOnlySpan<byte> entry) =>
        _lines is not null ? _lines.Next(out entry) : _scanner!.Next(out entry);

    /// <summary>
    /// Whether the content is JSON lines: its first line that starts an object holds one whole JSON value. A
    /// line that is valid but incomplete (<c>{</c>, <c>{"insertId": "x",</c>) means a multi-line layout, as
    /// does a top-level <c>[</c>; a line that is not JSON at all is a broken line in a JSON lines file.
    /// </summary>
    internal static bool IsJsonLines(ReadOnlySpan<byte> head)
    {
        head = TextScan.SkipBomAndWhitespace(head);
        if (head.IsEmpty || head[0] == (byte)'[')
            return false;
        while (!head.IsEmpty)
        {
            var line = TextScan.FirstLine(head);
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
