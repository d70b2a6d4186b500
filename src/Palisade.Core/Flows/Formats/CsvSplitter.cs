namespace Palisade.Flows.Formats;

/// <summary>One field of a CSV line: its text range, and whether it was quoted with doubled quotes inside.</summary>
internal readonly record struct CsvField(Range Range, bool HasEscapedQuotes);

/// <summary>Splits one CSV line into fields per RFC 4180 (quoted fields, <c>""</c> for a quote), without copying.</summary>
internal static class CsvSplitter
{
    /// <summary>
    /// The field count of <paramref name="line"/> (more than <paramref name="fields"/> holds when there are
    /// too many), or -1 when its quoting is broken. Quoted fields are given without their quotes.
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, Span<CsvField> fields)
    {
        var count = 0;
        var i = 0;
        while (true)
        {
            CsvField field;
            if (i < line.Length && line[i] == (byte)'"')
            {
                if (!Quoted(line, ref i, out field))
                    return -1;
            }
            else
            {
                var comma = line[i..].IndexOf((byte)',');
                var end = comma < 0 ? line.Length : i + comma;
                field = new CsvField(new Range(i, end), false);
                i = end;
            }
            if (count < fields.Length)
                fields[count] = field;
            count++;
            if (i >= line.Length)
                return count;
            i++;
        }
    }

    /// <summary>The value of <paramref name="field"/>, quotes undoubled into <paramref name="scratch"/> if needed, spaces trimmed.</summary>
    public static ReadOnlySpan<byte> Value(ReadOnlySpan<byte> line, CsvField field, Span<byte> scratch)
    {
        var text = line[field.Range];
        if (field.HasEscapedQuotes && text.Length <= scratch.Length)
        {
            var length = 0;
            for (var i = 0; i < text.Length; i++)
            {
                scratch[length++] = text[i];
                if (text[i] == (byte)'"')
                    i++;
            }
            text = scratch[..length];
        }
        return text.Trim((byte)' ');
    }

    /// <summary>Reads the quoted field at <paramref name="i"/>; after it, only spaces may come before the comma.</summary>
    private static bool Quoted(ReadOnlySpan<byte> line, ref int i, out CsvField field)
    {
        var start = i + 1;
        var j = start;
        var escaped = false;
        while (true)
        {
            var quote = line[j..].IndexOf((byte)'"');
            if (quote < 0)
            {
                field = default;
                return false;
            }
            j += quote;
            if (j + 1 < line.Length && line[j + 1] == (byte)'"')
            {
                escaped = true;
                j += 2;
                continue;
            }
            break;
        }
        field = new CsvField(new Range(start, j), escaped);
        i = j + 1;
        while (i < line.Length && line[i] == (byte)' ')
            i++;
        return i == line.Length || line[i] == (byte)',';
    }
}
