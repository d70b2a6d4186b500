using Palisade.Connectivity;

namespace Palisade.Reporting.Connlist;

/// <summary>The formats of a connectivity report: np-guard's, byte for byte, and our own html page.</summary>
public static class ConnlistFormats
{
    /// <summary>txt, json, csv, md and dot; html.</summary>
    public static FormatRegistry<ConnectivityStream> All { get; } = new(
        new("txt", ContentTypes.Text, (report, _, output) => ConnlistWriter.WriteText(report.Connections, output)),
        new("json", ContentTypes.Json, (report, _, output) => JsonConnlist.Write(report.Connections, output)),
        new("csv", ContentTypes.Csv, (report, _, output) => ConnlistWriter.WriteCsv(report.Connections, output)),
        new("md", ContentTypes.Markdown, (report, _, output) => ConnlistWriter.WriteMarkdown(report.Connections, output)),
        new("dot", ContentTypes.Dot, (report, _, output) => DotConnlist.Write(report.ToReport(), output)),
        new("html", ContentTypes.Html, (report, context, output) => ConnectivityHtml.Write(report.ToReport(), context.Title, output)));
}
