using Palisade.Connectivity;

namespace Palisade.Reporting.Connlist;

/// <summary>The formats of a connectivity report: np-guard's, byte for byte.</summary>
public static class ConnlistFormats
{
    /// <summary>txt, json, csv, md and dot.</summary>
    public static FormatRegistry<ConnectivityReport> All { get; } = new(
        new("txt", ContentTypes.Text, (report, _, output) => ConnlistWriter.WriteText(report, output)),
        new("json", ContentTypes.Json, (report, _, output) => JsonConnlist.Write(report, output)),
        new("csv", ContentTypes.Csv, (report, _, output) => ConnlistWriter.WriteCsv(report, output)),
        new("md", ContentTypes.Markdown, (report, _, output) => ConnlistWriter.WriteMarkdown(report, output)),
        new("dot", ContentTypes.Dot, (report, _, output) => DotConnlist.Write(report, output)));
}
