using System.Text;

namespace Palisade.Flows.Formats;

/// <summary>The CSV columns the reader uses.</summary>
internal enum CsvColumn
{
    Time,
    SourceIp,
    SourcePort,
    DestinationIp,
    DestinationPort,
    Protocol,
    Bytes,
    Verdict,
}

/// <summary>
/// Where each column of a flow CSV is, as its header names them (<c>time,src_ip,src_port,dst_ip,dst_port,
/// protocol,bytes,verdict</c>, in any order, any case, other columns ignored). Time, src_ip and dst_ip are required.
/// A file without a header whose lines have those eight fields in that order, starting with an RFC 3339 time,
/// is read in that order.
/// </summary>
internal sealed class CsvLayout
{
    /// <summary>The most columns a line may have.</summary>
    public const int MaxFields = 128;

    /// <summary>The column names, in <see cref="CsvColumn"/> order.</summary>
    public static readonly string[] Names = ["time", "src_ip", "src_port", "dst_ip", "dst_port", "protocol", "bytes", "verdict"];

    private static readonly byte[][] UpperNames = [.. Names.Select(name => Encoding.ASCII.GetBytes(name.ToUpperInvariant()))];

    private readonly int[] _columns;

    private CsvLayout(int[] columns, int fieldCount)
    {
        _columns = columns;
        FieldCount = fieldCount;
    }

    /// <summary>How many fields a line has.</summary>
    public int FieldCount { get; }

    /// <summary>The 0-based field index of <paramref name="column"/>, or -1 when the header lacks it.</summary>
    public int this[CsvColumn column] => _columns[(int)column];

    /// <summary>The contract's eight columns in their order, for files without a header.</summary>
    public static readonly CsvLayout Default = new([0, 1, 2, 3, 4, 5, 6, 7], Names.Length);

    /// <summary>Whether a line without a header is a record in <see cref="Default"/>'s order: eight fields, the first an RFC 3339 time.</summary>
    public static bool IsDefaultRecord(ReadOnlySpan<byte> line, ReadOnlySpan<CsvField> fields)
    {
        if (fields.Length != Names.Length)
            return false;
        Span<byte> scratch = stackalloc byte[64];
        return Rfc3339.TryParse(CsvSplitter.Value(line, fields[0], scratch), out _);
    }

    /// <summary>The layout a header line names, or null when the line is not a flow CSV header.</summary>
    public static CsvLayout? FromHeader(ReadOnlySpan<byte> line, ReadOnlySpan<CsvField> fields)
    {
        Span<byte> scratch = stackalloc byte[64];
        var columns = new int[Names.Length];
        Array.Fill(columns, -1);
        for (var i = 0; i < fields.Length; i++)
        {
            var name = CsvSplitter.Value(line, fields[i], scratch);
            for (var c = 0; c < Names.Length; c++)
            {
                if (columns[c] < 0 && FieldText.EqualsUpper(name, UpperNames[c]))
                    columns[c] = i;
            }
        }
        return columns[(int)CsvColumn.Time] < 0 || columns[(int)CsvColumn.SourceIp] < 0 || columns[(int)CsvColumn.DestinationIp] < 0
            ? null
            : new CsvLayout(columns, fields.Length);
    }
}
