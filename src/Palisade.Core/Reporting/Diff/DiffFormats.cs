using Palisade.Connectivity.Diff;

namespace Palisade.Reporting.Diff;

/// <summary>The formats of a connectivity diff: np-guard's txt, csv, md and dot, and our json and SARIF.</summary>
public static class DiffFormats
{
    /// <summary>txt, csv, md, dot, json and sarif.</summary>
    public static FormatRegistry<DiffReport> All { get; } = new(
        new("txt", ContentTypes.Text, (report, _, output) => DiffWriter.WriteText(report.Diff, output)),
        new("csv", ContentTypes.Csv, (report, _, output) => DiffWriter.WriteCsv(report.Diff, output)),
        new("md", ContentTypes.Markdown, (report, _, output) => DiffWriter.WriteMarkdown(report.Diff, output)),
        new("dot", ContentTypes.Dot, (report, _, output) => DiffWriter.WriteDot(report.Diff, output)),
        new("json", ContentTypes.Json, (report, _, output) => DiffJson.Write(report.Diff, output)),
        new("sarif", ContentTypes.Sarif, (report, context, output) => DiffSarif.Write(report, context, output)));
}
