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
        lines.AddRange(DotGraph.NamespaceSubgraphs(report.Peers.Select(p => (p, "blue"))));
        var externals = report.Connections.SelectMany(c => new[] { c.Source, c.Destination })
            .Where(p => p.IsExternal)
            .Distinct()
            .Select(p => DotGraph.Node(p, p is ExternalPeer ? "red2" : "blue"));
        lines.AddRange(externals.Order(StringComparer.Ordinal));
        lines.AddRange(report.Connections.Select(EdgeLine).Order(StringComparer.Ordinal));
        lines.Add("}");
        output.Write(string.Join("\n", lines));
    }

    private static string EdgeLine(Connection c) =>
        $"\t{DotGraph.Quote(c.Source.DisplayName)} -> {DotGraph.Quote(c.Destination.DisplayName)} [label={DotGraph.Quote(c.Connections.ToString())} color=\"gold2\" fontcolor=\"darkgreen\" weight={DotGraph.Weight(c.Source, c.Destination)}]";
}
