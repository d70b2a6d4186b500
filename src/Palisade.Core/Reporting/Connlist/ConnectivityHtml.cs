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
        var html = ScanHtml.Open("Palisade connectivity", title);
        ScanHtml.Graph(html, report, new HashSet<Peer>());
        ScanHtml.Connections(html, report);
        ScanHtml.Close(html, output);
    }
}
