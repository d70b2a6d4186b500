using Palisade.Input;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Palisade.Audit.Events;

/// <summary>
/// A CloudWatch Logs Insights table downloaded as CSV (a header naming <c>@timestamp</c>, <c>@message</c> and whatever
/// else the query kept, then one row a log event, the event's JSON quoted with its quotes doubled), turned as it is read
/// into the log records the reader knows: one <c>{"@logStream": …, "@message": "…"}</c> a row, on the row's own line, so
/// that every position the reader reports is the CSV's line. The header's line is left blank; a row with fewer fields
/// than the header, or longer than a record may be, is passed on as it is, which the reader reports as malformed.
/// </summary>
internal sealed class InsightsCsvStream : ReadOnlyStream
{
    private const int ChunkSize = 64 * 1024;

    private readonly Stream _inner;
    private readonly int _maxRowBytes;
    private readonly byte[] _input = new byte[ChunkSize];
    private int _inputStart;
    private int _inputEnd;
    private bool _eof;

    private readonly ArrayBufferWriter<byte> _row = new();
    private readonly ArrayBufferWriter<byte> _output = new();
    private int _outputRead;
    private int _message = -1;
    private int _logStream = -1;
    private int _columns;

    /// <summary>Reads <paramref name="inner"/>; a row over <paramref name="maxRowBytes"/> is passed on unread.</summary>
    public InsightsCsvStream(Stream inner, int maxRowBytes)
    {
        _inner = inner;
        _maxRowBytes = maxRowBytes;
    }

    /// <summary>
    /// Whether <paramref name="head"/>, the first bytes of an input, starts such a table's header: its first column is one of
    /// the fields Logs Insights names with <c>@</c>, quoted or not, which no JSON log can start with.
    /// </summary>
    public static bool IsExport(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
            head = head[3..];
        return head.StartsWith("@"u8) || head.StartsWith("\"@"u8);
    }

    /// <summary>
    /// What is wrong with a table whose header, in <paramref name="head"/>, names no <c>@message</c> (a query that kept
    /// only parsed fields: there is no event to read), else null.
    /// </summary>
    public static string? HeaderProblem(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
            head = head[3..];
        var end = head.IndexOf((byte)'\n');
        var names = Fields((end < 0 ? head : head[..end]).TrimEnd((byte)'\r'));
        return names is null || names.Contains("@message")
            ? null
            : "a CloudWatch Logs Insights table with no @message column: the query must keep the event (fields @timestamp, @message, @logStream)";
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        while (_outputRead == _output.WrittenCount)
        {
            _output.ResetWrittenCount();
            _outputRead = 0;
            if (!NextRow())
                return 0;
        }
        var count = Math.Min(buffer.Length, _output.WrittenCount - _outputRead);
        _output.WrittenSpan.Slice(_outputRead, count).CopyTo(buffer);
        _outputRead += count;
        return count;
    }

    /// <summary>Reads one row (the header first) and writes what it becomes; false at the end of the input.</summary>
    private bool NextRow()
    {
        _row.ResetWrittenCount();
        var lines = 1;
        var quoted = false;
        while (true)
        {
            if (_inputStart == _inputEnd && !Fill())
            {
                if (_row.WrittenCount == 0)
                    return false;
                break;
            }
            var b = _input[_inputStart++];
            if (b == (byte)'"')
                quoted = !quoted;
            else if (b == (byte)'\n' && !quoted)
                break;
            else if (b == (byte)'\n')
                lines++;
            if (_row.WrittenCount <= _maxRowBytes)
            {
                _row.GetSpan(1)[0] = b;
                _row.Advance(1);
            }
        }
        Emit(_row.WrittenSpan.TrimEnd((byte)'\r'), lines);
        return true;
    }

    private void Emit(ReadOnlySpan<byte> row, int lines)
    {
        if (_message < 0)
            Header(row);
        else if (row.Length <= _maxRowBytes && Fields(row) is { } fields && fields.Count == _columns)
            Record(fields);
        else
            _output.Write(row);
        for (var i = 0; i < lines; i++)
            _output.Write("\n"u8);
    }

    private void Header(ReadOnlySpan<byte> row)
    {
        var names = Fields(row) ?? [];
        _columns = names.Count;
        _message = names.IndexOf("@message");
        _logStream = names.IndexOf("@logStream");
        // A table without the event's column has nothing to read (HeaderProblem): its rows are passed on, not records.
        if (_message < 0)
            _message = int.MaxValue;
    }

    private void Record(List<string> fields)
    {
        if (_message >= fields.Count)
        {
            _output.Write(_row.WrittenSpan.TrimEnd((byte)'\r'));
            return;
        }
        _output.Write("{"u8);
        if (_logStream >= 0)
        {
            _output.Write("\"@logStream\":"u8);
            Quote(fields[_logStream]);
            _output.Write(","u8);
        }
        _output.Write("\"@message\":"u8);
        Quote(fields[_message]);
        _output.Write("}"u8);
    }

    /// <summary>The row's fields, unquoted; null when a quote is left open.</summary>
    private static List<string>? Fields(ReadOnlySpan<byte> row)
    {
        var fields = new List<string>();
        var text = Encoding.UTF8.GetString(row);
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '"' && i + 1 < text.Length && text[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return quoted ? null : fields;
    }

    /// <summary>Writes <paramref name="text"/> as a JSON string.</summary>
    private void Quote(string text)
    {
        var json = JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        _output.Write("\""u8);
        _output.Write(json.EncodedUtf8Bytes);
        _output.Write("\""u8);
    }

    private bool Fill()
    {
        if (_eof)
            return false;
        _inputStart = 0;
        _inputEnd = _inner.Read(_input, 0, _input.Length);
        _eof = _inputEnd == 0;
        return !_eof;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner.Dispose();
        base.Dispose(disposing);
    }
}
