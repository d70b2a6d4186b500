using Palisade.Connectivity;

namespace Palisade.Reporting.Connlist;

/// <summary>
/// np-guard's dot format: one subgraph per namespace holding every workload (connected or not), then the
/// external nodes that take part in an edge, then the edges; each section sorted; no trailing newline.
/// </summary>
internal static class DotConnlist
{
    public static void Write(ConnectivityReport report, TextWriter output)
    {
        var lines = new List<string> { "digraph {" };
        var byNamespace = report.Peers.Where(p => !p.IsExternal)
            .GroupBy(p => p.Namespace!, StringComparer.Ordinal)
            .OrderBy(g => g.Key + "[namespace]", StringComparer.Ordinal);
        foreach (var ns in byNamespace)
        {
            lines.Add($"\tsubgraph \"cluster_{ns.Key.Replace('-', '_')}[namespace]\" {{");
            lines.Add("\t\tcolor=\"black\"");
            lines.Add("\t\tfontcolor=\"black\"");
            lines.AddRange(ns.Select(p => "\t" + NodeLine(p, "blue")).Order(StringComparer.Ordinal));
            lines.Add($"\t\tlabel=\"{ns.Key}[namespace]\"");
            lines.Add("\t}");
        }
        var externals = report.Connections.SelectMany(c => new[] { c.Source, c.Destination })
            .Where(p => p.IsExternal)
            .Distinct()
            .Select(p => NodeLine(p, p.Kind == "External" ? "red2" : "blue"));
        lines.AddRange(externals.Order(StringComparer.Ordinal));
        lines.AddRange(report.Connections.Select(EdgeLine).Order(StringComparer.Ordinal));
        lines.Add("}");
        output.Write(string.Join("\n", lines));
    }

    private static string NodeLine(Peer peer, string color) =>
        $"\t{Quote(peer.DisplayName)} [label={Quote(peer.NodeLabel)} color=\"{color}\" fontcolor=\"{color}\"]";

    private static string EdgeLine(Connection c)
    {
        var weight = string.CompareOrdinal(c.Source.DisplayName, c.Destination.DisplayName) <= 0 ? "0.5" : "1";
        return $"\t{Quote(c.Source.DisplayName)} -> {Quote(c.Destination.DisplayName)} [label={Quote(c.Connections.ToString())} color=\"gold2\" fontcolor=\"darkgreen\" weight={weight}]";
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
