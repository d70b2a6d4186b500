using Palisade.Connectivity;

namespace Palisade.Reporting.Connlist;

/// <summary>Writes a connectivity report in one of np-guard's formats, byte for byte.</summary>
public static class ConnlistWriter
{
    /// <summary>Parses a format name (txt, json, csv, md, dot).</summary>
    public static bool TryParse(string name, out ConnlistFormat format) =>
        Enum.TryParse(name, ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(name, out _);

    /// <summary>Writes the report.</summary>
    public static void Write(ConnectivityReport report, ConnlistFormat format, TextWriter output)
    {
        switch (format)
        {
            case ConnlistFormat.Txt:
                foreach (var c in report.Connections)
                    output.Write($"{c.Source} => {c.Destination} : {c.Connections}\n");
                break;
            case ConnlistFormat.Csv:
                output.Write("src,dst,conn\n");
                foreach (var c in report.Connections)
                    output.Write($"{Csv.Field(c.Source.DisplayName)},{Csv.Field(c.Destination.DisplayName)},{Csv.Field(c.Connections.ToString())}\n");
                break;
            case ConnlistFormat.Md:
                output.Write("| src | dst | conn |\n|-----|-----|------|\n");
                foreach (var c in report.Connections)
                    output.Write($"| {c.Source} | {c.Destination} | {c.Connections} |\n");
                break;
            case ConnlistFormat.Json:
                JsonConnlist.Write(report, output);
                break;
            default:
                DotConnlist.Write(report, output);
                break;
        }
    }

    /// <summary>The report as a string.</summary>
    public static string ToString(ConnectivityReport report, ConnlistFormat format)
    {
        var text = new StringWriter();
        Write(report, format, text);
        return text.ToString();
    }
}
