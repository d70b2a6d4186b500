using System.Text;
using Palisade.Audit.Events;
using Palisade.Input;
using Palisade.Testing;

namespace Palisade.Core.Tests.Audit.Events;

/// <summary>Reads audit logs for the tests: fixtures, corpus files, text and bytes.</summary>
internal static class AuditInput
{
    /// <summary>A fixture of this folder's Fixtures/.</summary>
    public static string Fixture(string name) =>
        RepoPaths.InRepo("tests", "Palisade.Core.Tests", "Audit", "Events", "Fixtures", name);

    /// <summary>A file of the falco audit corpus.</summary>
    public static string Corpus(string name) => RepoPaths.Corpus("falco-k8s-audit", name);

    /// <summary>Every event of the files, leniently; the diagnostics and the reader come back for their counts.</summary>
    public static List<AuditEvent> Read(out ReadDiagnostics diagnostics, out AuditEventReader reader, params string[] paths)
    {
        diagnostics = new ReadDiagnostics();
        reader = new AuditEventReader();
        return [.. reader.Read(paths, diagnostics)];
    }

    /// <summary>Every event of the files, which must hold nothing malformed.</summary>
    public static List<AuditEvent> Read(params string[] paths)
    {
        var events = Read(out var diagnostics, out _, paths);
        Assert.Empty(diagnostics.Warnings);
        return events;
    }

    /// <summary>Every event of <paramref name="text"/> read as the file <paramref name="name"/>.</summary>
    public static List<AuditEvent> ReadText(string text, ReadDiagnostics diagnostics, string name = "audit.log") =>
        ReadBytes(Encoding.UTF8.GetBytes(text), diagnostics, name);

    /// <summary>Every event of <paramref name="bytes"/> read as the file <paramref name="name"/>.</summary>
    public static List<AuditEvent> ReadBytes(byte[] bytes, ReadDiagnostics diagnostics, string name = "audit.log", AuditEventReader? reader = null)
    {
        using var source = InputSource.FromStream(name, new MemoryStream(bytes));
        return [.. (reader ?? new AuditEventReader()).Read(source, diagnostics)];
    }

    /// <summary>The text of a fixture or corpus file.</summary>
    public static string Text(string path) => File.ReadAllText(path);

    /// <summary>A real event of the corpus as one line of JSON.</summary>
    public static string CorpusLine(string name) => File.ReadAllText(Corpus(name)).Trim();
}
