using Palisade.Connectivity;

namespace Palisade.Reporting.Connlist;

/// <summary>np-guard's line formats of a connectivity report, byte for byte, written as the lines are read.</summary>
public static class ConnlistWriter
{
    /// <summary><c>SRC => DST : CONNS</c>, one line per pair; whether there was any.</summary>
    public static bool WriteText(IEnumerable<Connection> connections, TextWriter output)
    {
        var any = false;
        foreach (var c in connections)
        {
            output.Write(c.Source.DisplayName);
            output.Write(" => ");
            output.Write(c.Destination.DisplayName);
            output.Write(" : ");
            output.Write(c.Connections.ToString());
            output.Write('\n');
            any = true;
        }
        return any;
    }

    /// <summary>The csv table.</summary>
    public static void WriteCsv(IEnumerable<Connection> connections, TextWriter output)
    {
        output.Write("src,dst,conn\n");
        foreach (var c in connections)
        {
            output.Write(Csv.Field(c.Source.DisplayName));
            output.Write(',');
            output.Write(Csv.Field(c.Destination.DisplayName));
            output.Write(',');
            output.Write(Csv.Field(c.Connections.ToString()));
            output.Write('\n');
        }
    }

    /// <summary>The Markdown table.</summary>
    public static void WriteMarkdown(IEnumerable<Connection> connections, TextWriter output)
    {
        output.Write("| src | dst | conn |\n|-----|-----|------|\n");
        foreach (var c in connections)
        {
            output.Write("| ");
            output.Write(c.Source.DisplayName);
            output.Write(" | ");
            output.Write(c.Destination.DisplayName);
            output.Write(" | ");
            output.Write(c.Connections.ToString());
            output.Write(" |\n");
        }
    }
}
