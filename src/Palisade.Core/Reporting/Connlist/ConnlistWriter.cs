using Palisade.Connectivity;

namespace Palisade.Reporting.Connlist;

/// <summary>np-guard's line formats of a connectivity report, byte for byte.</summary>
public static class ConnlistWriter
{
    /// <summary><c>SRC => DST : CONNS</c>, one line per pair.</summary>
    public static void WriteText(ConnectivityReport report, TextWriter output)
    {
        foreach (var c in report.Connections)
            output.Write($"{c.Source} => {c.Destination} : {c.Connections}\n");
    }

    /// <summary>The csv table.</summary>
    public static void WriteCsv(ConnectivityReport report, TextWriter output)
    {
        output.Write("src,dst,conn\n");
        foreach (var c in report.Connections)
            output.Write($"{Csv.Field(c.Source.DisplayName)},{Csv.Field(c.Destination.DisplayName)},{Csv.Field(c.Connections.ToString())}\n");
    }

    /// <summary>The Markdown table.</summary>
    public static void WriteMarkdown(ConnectivityReport report, TextWriter output)
    {
        output.Write("| src | dst | conn |\n|-----|-----|------|\n");
        foreach (var c in report.Connections)
            output.Write($"| {c.Source} | {c.Destination} | {c.Connections} |\n");
    }
}
