using Palisade.Connectivity;

namespace Palisade.Reporting.Connlist;

/// <summary>np-guard's json format: an indented array of {src, dst, conn}, no trailing newline.</summary>
internal static class JsonConnlist
{
    public static void Write(ConnectivityReport report, TextWriter output)
    {
        if (report.Connections.Count == 0)
        {
            output.Write("[]");
            return;
        }
        output.Write("[\n");
        for (var i = 0; i < report.Connections.Count; i++)
        {
            var c = report.Connections[i];
            output.Write("  {\n");
            output.Write($"    \"src\": {JsonText.Quote(c.Source.DisplayName)},\n");
            output.Write($"    \"dst\": {JsonText.Quote(c.Destination.DisplayName)},\n");
            output.Write($"    \"conn\": {JsonText.Quote(c.Connections.ToString())}\n");
            output.Write(i + 1 < report.Connections.Count ? "  },\n" : "  }\n");
        }
        output.Write("]");
    }
}
