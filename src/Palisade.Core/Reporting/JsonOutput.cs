using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Palisade.Reporting;

/// <summary>Our JSON documents: indented, non-ASCII and HTML characters kept as written, no reflection.</summary>
internal static class JsonOutput
{
    /// <summary>
    /// Writes the document the body produces, with a final newline unless a golden format forbids it. A body writing a
    /// long list calls <see cref="PassOn"/> after each item, so that the document is never held whole.
    /// </summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> body, bool finalNewline = true)
    {
        using var stream = new TextWriterStream(output);
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            body(json);
        if (finalNewline)
            output.Write('\n');
    }

    /// <summary>How many pending bytes a long document lets its writer hold before flushing them.</summary>
    public const int FlushSize = 1 << 16;

    /// <summary>
    /// Writes a named array of strings. Lists of lines, techniques, references and tags are written the same way in
    /// every document, so one place decides it.
    /// </summary>
    public static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }

    /// <summary>
    /// Passes what the writer holds on to the output once it reaches <see cref="FlushSize"/>: held whole, a report of
    /// megabytes grows its buffer and the text copy of it on the large-object heap, and each such allocation can start a
    /// full collection of a heap that still holds the loaded cluster.
    /// </summary>
    public static void PassOn(Utf8JsonWriter json)
    {
        if (json.BytesPending > FlushSize)
            json.Flush();
    }

    /// <summary>Writes one compact JSON value on one line (JSON lines).</summary>
    public static void WriteLine(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            body(json);
        output.Write(Encoding.UTF8.GetString(stream.ToArray()));
        output.Write('\n');
    }
}
