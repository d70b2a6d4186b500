using System.Text.Json;
using YamlDotNet.Core;

namespace Palisade.Kubernetes.Manifests.Tokens;

/// <summary>
/// Reads a JSON document with <see cref="Utf8JsonReader"/> into the tokens YamlDotNet's parser would give for
/// the same text (JSON is YAML's flow style): strings are double-quoted scalars, numbers, booleans and null
/// plain ones, each marked where it starts. Malformed JSON, a second document or an escape YamlDotNet reads
/// otherwise raise <see cref="UnsupportedInputException"/>.
/// </summary>
internal static class JsonTokenizer
{
    /// <summary>
    /// Reads the value starting at <paramref name="start"/> into the buffer (cleared first). With
    /// <paramref name="whole"/>, only blanks may follow it; otherwise reading stops at its end (an item of a list).
    /// </summary>
    public static void Read(byte[] text, int start, int line, int lineStart, TokenBuffer output, bool whole = true)
    {
        output.Clear();
        var reader = new Utf8JsonReader(text.AsSpan(start), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 512 });
        var scanned = start;
        var keys = new Stack<List<int>>();
        try
        {
            while (reader.Read())
            {
                var offset = start + (int)reader.TokenStartIndex;
                Advance(text, ref scanned, offset, ref line, ref lineStart);
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        output.Add(TokenKind.MappingStart, offset, line, lineStart, flow: true);
                        keys.Push([]);
                        break;
                    case JsonTokenType.EndObject:
                        output.Add(TokenKind.MappingEnd, offset, line, lineStart, flow: true);
                        keys.Pop();
                        break;
                    case JsonTokenType.StartArray:
                        output.Add(TokenKind.SequenceStart, offset, line, lineStart, flow: true);
                        break;
                    case JsonTokenType.EndArray:
                        output.Add(TokenKind.SequenceEnd, offset, line, lineStart, flow: true);
                        break;
                    case JsonTokenType.PropertyName:
                        String(ref reader, text, offset, line, lineStart, output);
                        var siblings = keys.Peek();
                        foreach (var key in siblings)
                        {
                            if (output.SameValue(key, output.Count - 1))
                                throw new UnsupportedInputException("a key twice in one object");
                        }
                        siblings.Add(output.Count - 1);
                        break;
                    case JsonTokenType.String:
                        String(ref reader, text, offset, line, lineStart, output);
                        break;
                    default:
                        output.AddRaw(ScalarStyle.Plain, offset, line, lineStart, offset, reader.ValueSpan.Length);
                        break;
                }
                if (!whole && reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName))
                    return;
            }
            var end = start + (int)reader.BytesConsumed;
            foreach (var b in text.AsSpan(end))
            {
                if (b is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
                    throw new UnsupportedInputException("content after the JSON document");
            }
        }
        catch (JsonException e)
        {
            throw new UnsupportedInputException($"malformed JSON: {e.Message}");
        }
    }

    private static void String(ref Utf8JsonReader reader, byte[] text, int offset, int line, int lineStart, TokenBuffer output)
    {
        if (!reader.ValueIsEscaped)
        {
            output.AddRaw(ScalarStyle.DoubleQuoted, offset, line, lineStart, offset + 1, reader.ValueSpan.Length);
            return;
        }
        var raw = reader.ValueSpan;
        for (var i = 0; i + 5 < raw.Length; i++)
        {
            if (raw[i] == (byte)'\\' && raw[i + 1] == (byte)'u' && raw[i + 2] is (byte)'d' or (byte)'D' && raw[i + 3] is >= (byte)'8' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F')
                throw new UnsupportedInputException("a surrogate escape");
            if (raw[i] == (byte)'\\')
                i++;
        }
        output.AddCooked(ScalarStyle.DoubleQuoted, offset, line, lineStart, reader.GetString()!);
    }

    /// <summary>Counts the line breaks between the last token and the next one, for marks.</summary>
    private static void Advance(byte[] text, ref int scanned, int offset, ref int line, ref int lineStart)
    {
        var between = text.AsSpan(scanned, offset - scanned);
        var breaks = between.Count((byte)'\n');
        if (breaks > 0)
        {
            line += breaks;
            lineStart = scanned + between.LastIndexOf((byte)'\n') + 1;
        }
        scanned = offset;
    }
}
