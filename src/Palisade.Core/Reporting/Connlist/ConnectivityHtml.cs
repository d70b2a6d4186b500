using System.Text;
using Palisade.Connectivity;
using Palisade.Reporting.Scan;

namespace Palisade.Reporting.Connlist;

/// <summary>
/// The connectivity report as one self-contained HTML page (our own format, not np-guard's): the graph of who can
/// reach whom and the searchable table of connections, drawn as the scan report draws them.
/// </summary>
public static class ConnectivityHtml
{
    /// <summary>Writes the page.</summary>
    public static void Write(ConnectivityReport report, string title, TextWriter output)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .Append("<title>Palisade connectivity: ").Append(ScanHtml.E(title)).Append("</title>\n")
            .Append("<style>/*<![CDATA[*/\n").Append(ScanHtmlAssets.Style).Append("/*]]>*/</style>\n</head>\n<body>\n")
            .Append("<header><h1>Palisade connectivity</h1><p class=\"muted\">").Append(ScanHtml.E(title)).Append("</p></header>\n<main>\n");
        ScanHtml.Graph(html, report, new HashSet<Peer>());
        ScanHtml.Connections(html, report);
        html.Append("</main>\n<script>//<![CDATA[\n").Append(ScanHtmlAssets.Script).Append("//]]></script>\n</body>\n</html>\n");
        output.Write(html.ToString());
    }
}
