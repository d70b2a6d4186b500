using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>
/// The records of a CloudWatch Logs Insights table downloaded as CSV (the console's download of <c>fields @timestamp,
/// @message</c>, <c>cwq</c>): a header of Logs Insights' <c>@</c> fields in any order, quoted or not, naming
/// <c>@message</c>, then one row a log event, whose <c>@message</c> is a VPC flow log record, each at its row's line. A
/// record holds no comma, quote or line break, so a row is one line; a row without the header's fields is malformed there,
/// and a header repeated mid-file (downloads concatenated) is read again. Not thread-safe.
/// </summary>
internal sealed class InsightsCsvRows(InputSource source, ReadDiagnostics diagnostics) : IEntrySource
{
    private readonly RecordLines _lines = new(source, diagnostics);
    private readonly CsvField[] _fields = new CsvField[CsvLayout.MaxFields];
    private byte[] _scratch = new byte[1024];
    private int _message = -1;
    private int _columns;

    /// <summary>The location of the row last returned.</summary>
    public SourceLocation Location => _lines.Location;

    /// <summary>
    /// Whether <paramref name="line"/> is such a table's header: its first field one of the fields Logs Insights names with
    /// <c>@</c>, one of them <c>@message</c>.
    /// </summary>
    public static bool IsHeader(ReadOnlySpan<byte> line) => MessageColumn(line, stackalloc CsvField[CsvLayout.MaxFields], out _) >= 0;

    /// <summary>The next row's <c>@message</c>; false at the end of the input.</summary>
    public bool Next(out ReadOnlySpan<byte> entry)
    {
        while (_lines.Next(out var line))
        {
            line = line.TrimEnd((byte)'\r');
            if (MessageColumn(line, _fields, out var columns) is >= 0 and var message)
            {
                (_message, _columns) = (message, columns);
                continue;
            }
            var count = CsvSplitter.Split(line, _fields);
            if (_message < 0 || count != _columns)
            {
                diagnostics.Report(Location, _message < 0 ? "not a CloudWatch Logs Insights header naming @message"
                    : count < 0 ? "broken CSV quoting" : $"{count} fields where the header names {_columns}");
                continue;
            }
            if (_scratch.Length < line.Length)
                _scratch = new byte[Math.Max(line.Length, 2 * _scratch.Length)];
            entry = CsvSplitter.Value(line, _fields[_message], _scratch);
            return true;
        }
        entry = default;
        return false;
    }

    /// <summary>The 0-based column of <c>@message</c> when the line is a header, else -1; <paramref name="columns"/> its field count.</summary>
    private static int MessageColumn(ReadOnlySpan<byte> line, Span<CsvField> fields, out int columns)
    {
        columns = CsvSplitter.Split(line.TrimEnd((byte)'\r'), fields);
        if (columns <= 0 || columns > fields.Length)
            return -1;
        Span<byte> scratch = stackalloc byte[64];
        if (!CsvSplitter.Value(line, fields[0], scratch).StartsWith("@"u8))
            return -1;
        for (var i = 0; i < columns; i++)
        {
            if (CsvSplitter.Value(line, fields[i], scratch).SequenceEqual("@message"u8))
                return i;
        }
        return -1;
    }
}
