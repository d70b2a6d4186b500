using Palisade.Connectivity;
using Palisade.Connectivity.Diff;
using Palisade.Reporting.Connlist;

namespace Palisade.Reporting.Diff;

/// <summary>np-guard's dot rendering of a diff: the union graph, coloured by kind, with a legend.</summary>
internal static class DiffDot
{
    private const string Added = "#008000";

    public static void Write(ConnectivityDiff diff, TextWriter output)
    {
        var entries = diff.WithUnchanged().ToArray();
        var peers = new Dictionary<Peer, string>();
        foreach (var e in entries)
        {
            peers.TryAdd(e.Source, PeerColor(e, e.SourceAppearsOrVanishes));
            peers.TryAdd(e.Destination, PeerColor(e, e.DestinationAppearsOrVanishes));
        }
        var lines = new List<string> { "digraph {" };
        lines.AddRange(DotGraph.NamespaceSubgraphs(peers.Select(p => (p.Key, p.Value))));
        lines.AddRange(peers.Where(p => p.Key.IsExternal).Select(p => DotGraph.Node(p.Key, p.Value)).Order(StringComparer.Ordinal));
        lines.AddRange(entries.Select(Edge).Order(StringComparer.Ordinal));
        lines.AddRange(Legend);
        lines.Add("}");
        output.Write(string.Join("\n", lines));
    }

    private static string PeerColor(ConnectionDiff e, bool appearsOrVanishes) =>
        !appearsOrVanishes ? "blue" : e.Kind == DiffKind.Added ? Added : e.Kind == DiffKind.Removed ? "red" : "blue";

    private static string Edge(ConnectionDiff e)
    {
        var (label, color) = e.Kind switch
        {
            DiffKind.Unchanged => (e.Before.ToString(), "grey"),
            DiffKind.Changed => ($"{e.After} (ref1: {e.Before})", "magenta"),
            DiffKind.Removed => (e.Before.ToString(), "red2"),
            _ => (e.After.ToString(), Added),
        };
        return $"\t{DotGraph.Quote(e.Source.DisplayName)} -> {DotGraph.Quote(e.Destination.DisplayName)} [label={DotGraph.Quote(label)} color=\"{color}\" fontcolor=\"{color}\" weight={DotGraph.Weight(e.Source, e.Destination)}]";
    }

    private static readonly string[] Legend =
    [
        "\tnodesep=0.5",
        "\tsubgraph cluster_legend {",
        "\t\tlabel=\"Legend\"",
        "\t\tfontsize = 10",
        "\t\tmargin=0",
        .. "abcdefgh".Select(c => $"\t\t{c} [style=invis height=0 width=0]"),
        "\t\t{rank=source a b c d}",
        "\t\t{rank=same e f g h}",
        $"\t\ta -> b [label=\"added connection\", color=\"{Added}\" fontcolor=\"{Added}\" fontsize = 10 arrowsize=0.2]",
        "\t\tc -> d [label=\"removed connection\", color=\"red2\" fontcolor=\"red2\" fontsize = 10 arrowsize=0.2]",
        "\t\te -> f [label=\"changed connection\", color=\"magenta\" fontcolor=\"magenta\" fontsize = 10 arrowsize=0.2]",
        "\t\tg -> h [label=\"unchanged connection\", color=\"grey\" fontcolor=\"grey\" fontsize = 10 arrowsize=0.2]",
        $"\t\tnp [label=\"new peer\" color=\"{Added}\" fontcolor=\"{Added}\" fontsize = 10]",
        "\t\tlp [label=\"lost peer\" color=\"red\" fontcolor=\"red\" fontsize = 10]",
        "\t\tpp [label=\"persistent peer\" color=\"blue\" fontcolor=\"blue\" fontsize = 10]",
        "\t\t{rank=sink np lp pp}",
        "\t\tnp->lp [style=invis]",
        "\t\tlp->pp [style=invis]",
        "\t}",
    ];
}
