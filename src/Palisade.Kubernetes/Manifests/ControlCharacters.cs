using System.Buffers;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Refuses C0 control characters other than tab, line feed and carriage return, and DEL, in manifest text: YAML does
/// not allow them and kubectl's reader refuses them, while YamlDotNet ends the stream at a NUL (hiding the rest of the
/// file) and the fast reader read past it, so the two readers disagreed on what such a file holds.
/// </summary>
internal static class ControlCharacters
{
    private static readonly SearchValues<byte> Bytes = SearchValues.Create(Refused().Select(c => (byte)c).ToArray());
    private static readonly SearchValues<char> Chars = SearchValues.Create(Refused().ToArray());

    /// <summary>
    /// Whether UTF-8 bytes hold one (a binary file does too: callers refuse it as such first); text a byte order mark
    /// names as UTF-16 or UTF-32 is checked once decoded.
    /// </summary>
    public static bool In(ReadOnlySpan<byte> bytes) =>
        bytes is not ([0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0, 0, 0xFE, 0xFF, ..]) && bytes.ContainsAny(Bytes);

    /// <summary>Throws at the first one in UTF-8 bytes.</summary>
    public static void Refuse(string file, ReadOnlySpan<byte> bytes)
    {
        var at = bytes.IndexOfAny(Bytes);
        if (at < 0)
            return;
        var before = bytes[..at];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        if (lineStart == 0 && before.StartsWith("\uFEFF"u8))
            lineStart = 3;
        var column = System.Text.Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        Throw(file, 1 + before.Count((byte)'\n'), column, bytes[at]);
    }

    /// <summary>Checks decoded text.</summary>
    public static void Refuse(string file, ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAny(Chars);
        if (at < 0)
            return;
        var before = text[..at];
        Throw(file, 1 + before.Count('\n'), at - before.LastIndexOf('\n'), text[at]);
    }

    private static IEnumerable<char> Refused()
    {
        for (var c = '\0'; c < ' '; c++)
        {
            if (c is not ('\t' or '\n' or '\r'))
                yield return c;
        }
        yield return '\u007f';
    }

    private static void Throw(string file, int line, int column, int code) =>
        throw new InvalidInputException(new SourceLocation(file, line, column), null, null,
            $"malformed YAML/JSON: control character U+{code:X4} is not allowed (a binary file, or text in another encoding?)");
}
