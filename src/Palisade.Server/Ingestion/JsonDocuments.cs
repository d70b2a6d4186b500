using System.Text.Json;
using Palisade.Server.Api;

namespace Palisade.Server.Ingestion;

/// <summary>
/// Splits a JSON body into its documents: the values one after another (JSON lines, or documents spread over several
/// lines), an array standing for its elements. Each keeps the lines it spans and its text on one line.
/// </summary>
public static class JsonDocuments
{
    /// <summary>One document: the lines it spans (from 1) and its text, unchanged when it was on one line, else written compact.</summary>
    public sealed record Document(int FirstLine, int LastLine, byte[] Body);

    /// <summary>The documents, in order; <see cref="ApiProblem"/> 400 when the body is not JSON.</summary>
    public static List<Document> Split(byte[] content)
    {
        var documents = new List<Document>();
        // A byte order mark, which the flow readers skip, is not JSON to Utf8JsonReader.
        var bom = content.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var reader = new Utf8JsonReader(content.AsSpan(bom), new JsonReaderOptions { AllowMultipleValues = true });
        var line = 1;
        var counted = bom;
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.StartArray)
                    continue;
                if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndArray)
                    continue;
                var start = bom + (int)reader.TokenStartIndex;
                reader.Skip();
                var end = bom + (int)reader.BytesConsumed;
                line += Newlines(content.AsSpan(counted, start - counted));
                var inside = Newlines(content.AsSpan(start, end - start));
                documents.Add(new Document(line, line + inside, Body(content.AsSpan(start, end - start), inside > 0)));
                line += inside;
                counted = end;
            }
        }
        catch (JsonException e)
        {
            // The reader's message ends with its own 0-based " LineNumber: n | BytePositionInLine: m."; say it as editors count, from 1.
            var message = e.Message;
            var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (position > 0)
                message = message[..position];
            var where = e.LineNumber is { } at ? $" at line {at + 1}, byte {e.BytePositionInLine.GetValueOrDefault() + 1}" : "";
            throw ApiProblem.BadRequest($"the body is not JSON{where}: {message}");
        }
        return documents;
    }

    private static int Newlines(ReadOnlySpan<byte> text) => text.Count((byte)'\n');

    private static byte[] Body(ReadOnlySpan<byte> text, bool severalLines)
    {
        if (!severalLines)
            return text.ToArray();
        using var document = JsonDocument.Parse(text.ToArray());
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            document.RootElement.WriteTo(writer);
        return buffer.ToArray();
    }
}
