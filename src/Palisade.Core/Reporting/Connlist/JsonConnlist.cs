using Palisade.Connectivity;

namespace Palisade.Reporting.Connlist;

/// <summary>np-guard's json format: an indented array of {src, dst, conn}, no trailing newline.</summary>
internal static class JsonConnlist
{
    public static void Write(IEnumerable<Connection> connections, TextWriter output)
    {
        var first = true;
        foreach (var c in connections)
        {
            output.Write(first ? "[\n  {\n" : ",\n  {\n");
            output.Write("    \"src\": ");
            output.Write(JsonText.Quote(c.Source.DisplayName));
            output.Write(",\n    \"dst\": ");
            output.Write(JsonText.Quote(c.Destination.DisplayName));
            output.Write(",\n    \"conn\": ");
            output.Write(JsonText.Quote(c.Connections.ToString()));
            output.Write("\n  }");
            first = false;
        }
        output.Write(first ? "[]" : "\n]");
    }
}
