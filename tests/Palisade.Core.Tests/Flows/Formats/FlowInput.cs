using System.IO.Compression;
using System.Text;
using Palisade.Flows;
using Palisade.Flows.Formats;
using Palisade.Input;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>Flow input written in the tests: text as a source, read in one format, gzip.</summary>
internal static class FlowInput
{
    /// <summary>The UTF-8 text as an input source named <paramref name="name"/>.</summary>
    public static InputSource Source(string text, string name = "flows.txt") => Source(Encoding.UTF8.GetBytes(text), name);

    /// <summary>The bytes as an input source named <paramref name="name"/>.</summary>
    public static InputSource Source(byte[] bytes, string name = "flows.txt") => InputSource.FromStream(name, new MemoryStream(bytes));

    /// <summary>Every record of <paramref name="text"/> read as <paramref name="format"/>.</summary>
    public static List<FlowRecord> Read(FlowFormat format, string text, ReadDiagnostics? diagnostics = null)
    {
        using var source = Source(text);
        return [.. FlowReaders.For(format).Read(source, diagnostics ?? new ReadDiagnostics())];
    }

    /// <summary>The single record of <paramref name="text"/>, with no problem reported.</summary>
    public static FlowRecord One(FlowFormat format, string text)
    {
        var diagnostics = new ReadDiagnostics(strict: true);
        return Assert.Single(Read(format, text, diagnostics));
    }

    /// <summary>The text gzip-compressed.</summary>
    public static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }
}
