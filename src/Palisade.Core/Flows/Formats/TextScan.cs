namespace Palisade.Flows.Formats;

/// <summary>Small scans over UTF-8 text shared by the readers and the format detector.</summary>
internal static class TextScan
{
    /// <summary>The text without a leading byte order mark and leading whitespace (blank lines included).</summary>
    public static ReadOnlySpan<byte> SkipBomAndWhitespace(ReadOnlySpan<byte> text)
    {
        if (text.StartsWith("\uFEFF"u8))
            text = text[3..];
        return text.TrimStart(" \t\r\n"u8);
    }

    /// <summary>The first line of <paramref name="text"/> without its terminator (all of it when it has none).</summary>
    public static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> text)
    {
        var newline = text.IndexOf((byte)'\n');
        var line = newline < 0 ? text : text[..newline];
        return line.TrimEnd((byte)'\r');
    }

    /// <summary>Whether <paramref name="text"/> is one or more ASCII digits.</summary>
    public static bool IsDigits(ReadOnlySpan<byte> text) => !text.IsEmpty && text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    /// <summary>At most <paramref name="max"/> characters of <paramref name="text"/> for a message, invalid UTF-8 replaced.</summary>
    public static string Excerpt(ReadOnlySpan<byte> text, int max = 40)
    {
        var shown = System.Text.Encoding.UTF8.GetString(text[..Math.Min(text.Length, max)]);
        return text.Length > max ? shown + "..." : shown;
    }
}
