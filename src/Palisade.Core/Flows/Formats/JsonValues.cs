using System.Buffers.Text;
using System.Text.Json;

namespace Palisade.Flows.Formats;

/// <summary>
/// Value access on <see cref="Utf8JsonReader"/> as the JSON flow formats need it: strings read as UTF-8
/// spans (decoded only through the <see cref="TextCache"/>), and numbers that protobuf's JSON mapping may
/// write quoted (64-bit ones always are).
/// </summary>
internal static class JsonValues
{
    /// <summary>The reader options for one entry: nesting beyond 64 levels is malformed, not a stack risk.</summary>
    public static JsonReaderOptions Options { get; } = new() { MaxDepth = 64 };

    /// <summary>The unescaped UTF-8 of the current string (or the text of the current number).</summary>
    public static ReadOnlySpan<byte> Utf8(this ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
            return reader.ValueSpan;
        var unescaped = new byte[reader.ValueSpan.Length];
        return unescaped.AsSpan(0, reader.CopyString(unescaped));
    }

    /// <summary>The current string, shared through <paramref name="cache"/>; null when the value is not a string.</summary>
    public static string? CachedString(this ref Utf8JsonReader reader, TextCache cache) =>
        reader.TokenType == JsonTokenType.String ? cache.String(reader.Utf8()) : null;

    /// <summary>The current string, not cached (for unique values such as URLs); null when not a string.</summary>
    public static string? FreshString(this ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    /// <summary>The current value as an unsigned 32-bit number, quoted or not; null when it is not one.</summary>
    public static uint? UInt32(this ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return reader.TryGetUInt32(out var number) ? number : null;
        if (reader.TokenType != JsonTokenType.String)
            return null;
        var text = reader.Utf8();
        return Utf8Parser.TryParse(text, out uint value, out var consumed) && consumed == text.Length ? value : null;
    }

    /// <summary>The current value as a signed 64-bit number, quoted or not; null when it is not one.</summary>
    public static long? Int64(this ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return reader.TryGetInt64(out var number) ? number : null;
        if (reader.TokenType != JsonTokenType.String)
            return null;
        var text = reader.Utf8();
        return Utf8Parser.TryParse(text, out long value, out var consumed) && consumed == text.Length ? value : null;
    }

    /// <summary>The current value as a port (1 to 65535), quoted or not; null otherwise.</summary>
    public static int? Port(this ref Utf8JsonReader reader) => reader.UInt32() is { } port and > 0 and <= 65535 ? (int)port : null;

    /// <summary>The current boolean; null when the value is not one.</summary>
    public static bool? Boolean(this ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => null,
    };

    /// <summary>The strings of the current array (others skipped), shared through <paramref name="cache"/>.</summary>
    public static string[] CachedStrings(this ref Utf8JsonReader reader, TextCache cache, List<string> scratch)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return [];
        scratch.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.CachedString(cache) is { } value)
                scratch.Add(value);
            else
                reader.Skip();
        }
        return scratch.Count == 0 ? [] : [.. scratch];
    }

    /// <summary>The instant of the current RFC 3339 string; null (with the text in <paramref name="invalid"/>) otherwise.</summary>
    public static DateTimeOffset? Time(this ref Utf8JsonReader reader, out string? invalid)
    {
        invalid = null;
        if (reader.TokenType == JsonTokenType.String && Rfc3339.TryParse(reader.Utf8(), out var time))
            return time;
        invalid = reader.TokenType switch
        {
            JsonTokenType.String => $"'{TextScan.Excerpt(reader.Utf8())}'",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "a list",
            _ => "null",
        };
        return null;
    }

    /// <summary>The warning for a time <see cref="Time"/> could not read, quoting a string and naming any other JSON value.</summary>
    public static string TimeProblem(string invalid) =>
        invalid.StartsWith('\'') ? $"invalid time {invalid} (RFC 3339 expected)" : $"invalid time: {invalid} where an RFC 3339 string is expected";

    /// <summary>A short description of a JSON syntax error for a warning.</summary>
    public static string Problem(JsonException e) =>
        e.BytePositionInLine is { } at ? $"invalid JSON at byte {at + 1}: {FirstSentence(e.Message)}" : $"invalid JSON: {FirstSentence(e.Message)}";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.', ' ');
    }
}
