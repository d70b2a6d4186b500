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
    /// Whether the content is JSON lines: its first line holds one complete JSON value. A first line that
    /// is valid but incomplete (<c>[</c>, <c>{</c>, <c>{"insertId": "x",</c>) means a multi-line layout; one
    /// that is not JSON at all is a broken line in a JSON lines file.
    /// </summary>
    internal static bool IsJsonLines(ReadOnlySpan<byte> head)
    {
        head = TextScan.SkipBomAndWhitespace(head);
        if (head.IsEmpty || head[0] != (byte)'{')
            return false;
        var newline = head.IndexOf((byte)'\n');
        if (newline < 0)
            return false;
        var reader = new Utf8JsonReader(head[..newline], isFinalBlock: false, state: default);
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
