using Palisade.Scan;

namespace Palisade.Reporting.Scan;

/// <summary>The formats of the scan report; the terminal rendering is the CLI's.</summary>
public static class ScanFormats
{
    /// <summary>json and html (one self-contained page).</summary>
    public static FormatRegistry<ScanReport> All { get; } = new(
        new("json", ContentTypes.Json, (report, _, output) => ScanJson.Write(report, output)),
        new("html", ContentTypes.Html, (report, context, output) => ScanHtml.Write(report, context.Title, output)));
}
