using Palisade.Connectivity;

namespace Palisade.Reporting.Connlist;

/// <summary>The parts np-guard's connectivity and diff graphs share: namespace subgraphs and node lines.</summary>
internal static class DotGraph
{
    /// <summary>One subgraph per namespace, ordered by <c>ns[namespace]</c>, holding its peers' node lines, sorted.</summary>
    public static IEnumerable<string> NamespaceSubgraphs(IEnumerable<(Peer Peer, string Color)> peers)
    {
        foreach (var ns in peers.Where(p => !p.Peer.IsExternal).GroupBy(p => p.Peer.Namespace!, StringComparer.Ordinal)
                     .OrderBy(g => g.Key + "[namespace]", StringComparer.Ordinal))
        {
            yield return $"\tsubgraph \"cluster_{ns.Key.Replace('-', '_')}[namespace]\" {{";
            yield return "\t\tcolor=\"black\"";
            yield return "\t\tfontcolor=\"black\"";
            foreach (var line in ns.Select(p => "\t" + Node(p.Peer, p.Color)).Order(StringComparer.Ordinal))
                yield return line;
            yield return $"\t\tlabel=\"{ns.Key}[namespace]\"";
            yield return "\t}";
        }
    }

    /// <summary>A node line: <c>"ns/name[Kind]" [label="name[Kind]" color="c" fontcolor="c"]</c>.</summary>
    public static string Node(Peer peer, string color) =>
        $"\t{Quote(peer.DisplayName)} [label={Quote(NodeLabel(peer))} color=\"{color}\" fontcolor=\"{color}\"]";

    /// <summary>A node's label: <c>name[Kind]</c> within its namespace's subgraph, the full name outside the cluster.</summary>
    public static string NodeLabel(Peer peer) => peer switch
    {
        WorkloadPeer w => $"{w.Workload.Name}[{w.Workload.Kind}]",
        PodPeer p => $"{p.Name}[Pod]",
        _ => peer.DisplayName,
    };

    /// <summary>Go's %q for the names we print.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>np-guard's edge weight: 0.5 when the source sorts before or equal to the destination, else 1.</summary>
    public static string Weight(Peer source, Peer destination) =>
        string.CompareOrdinal(source.DisplayName, destination.DisplayName) <= 0 ? "0.5" : "1";
}
