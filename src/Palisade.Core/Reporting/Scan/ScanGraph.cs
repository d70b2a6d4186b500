using Palisade.Connectivity;
using Palisade.Reporting.Connlist;

namespace Palisade.Reporting.Scan;

/// <summary>
/// A fixed layout of the connectivity graph for the HTML report: the outside (ingress controller and one
/// node for all external ranges) in the first column, then one box per namespace, in rows of
/// <see cref="ColumnsPerRow"/>, each stacking its workloads. Edges join workload nodes.
/// </summary>
public sealed class ScanGraph
{
    /// <summary>Namespace boxes per row.</summary>
    public const int ColumnsPerRow = 4;

    /// <summary>Beyond this many workloads the graph shows namespaces (click one for its workloads' connections).</summary>
    public const int MaxNodes = 60;

    private const int NamespacesPerRow = 6;

    private const int BoxWidth = 230, NodeWidth = 200, NodeHeight = 24, NodeGap = 8, Header = 28, Gap = 60, Margin = 20;

    /// <summary>The name of the node standing for every external address range.</summary>
    public const string ExternalNode = "External";

    /// <summary>A group box: a namespace, or the outside.</summary>
    public sealed record Box(string Title, int X, int Y, int Width, int Height);

    /// <summary>A workload, namespace or outside node; its id is stable for scripts and tests.</summary>
    public sealed record Node(string Id, string Label, string Title, int X, int Y, bool Exposed, bool Outside)
    {
        /// <summary>For a namespace node, the namespace it stands for (its drill-down).</summary>
        public string? Namespace { get; init; }
    }

    /// <summary>An edge with the connections it allows.</summary>
    public sealed record Edge(Node From, Node To, string Connections);

    /// <summary>The boxes.</summary>
    public IReadOnlyList<Box> Boxes { get; }

    /// <summary>The nodes.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>The edges, external ranges merged into one node.</summary>
    public IReadOnlyList<Edge> Edges { get; }

    /// <summary>The canvas size.</summary>
    public (int Width, int Height) Size { get; }

    private ScanGraph(IReadOnlyList<Box> boxes, IReadOnlyList<Node> nodes, IReadOnlyList<Edge> edges, (int, int) size)
    {
        Boxes = boxes;
        Nodes = nodes;
        Edges = edges;
        Size = size;
    }

    /// <summary>Lays out the report; null when it has more than <see cref="MaxNodes"/> workloads.</summary>
    public static ScanGraph? Layout(ConnectivityReport report, IReadOnlySet<Peer> exposed)
    {
        var workloads = report.Peers.Where(p => !p.IsExternal).ToArray();
        if (workloads.Length > MaxNodes)
            return null;
        var boxes = new List<Box>();
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var outside = new[] { Peer.IngressController.DisplayName, ExternalNode };
        Place(boxes, nodes, "outside the cluster", outside.Select(n => (n, n, n, false, true)).ToArray(), Margin, Margin);
        var groups = workloads.GroupBy(p => p.Namespace!).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var rowTop = Margin;
        var rowHeight = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var column = i % ColumnsPerRow;
            if (column == 0 && i > 0)
            {
                rowTop += rowHeight + Gap;
                rowHeight = 0;
            }
            var members = groups[i].Select(p => (p.DisplayName, DotGraph.NodeLabel(p), p.DisplayName, exposed.Contains(p), false)).ToArray();
            var box = Place(boxes, nodes, groups[i].Key, members, Margin + (column + 1) * (BoxWidth + Gap), rowTop);
            rowHeight = Math.Max(rowHeight, box.Height);
        }
        var edges = new Dictionary<(string, string), Edge>();
        foreach (var connection in report.Connections)
        {
            var from = nodes[NodeKey(connection.Source)];
            var to = nodes[NodeKey(connection.Destination)];
            var key = (from.Id, to.Id);
            edges[key] = edges.TryGetValue(key, out var existing)
                ? existing with { Connections = existing.Connections + "; " + connection.Connections }
                : new Edge(from, to, connection.Connections.ToString());
        }
        var width = boxes.Max(b => b.X + b.Width) + Margin;
        var height = boxes.Max(b => b.Y + b.Height) + Margin;
        return new ScanGraph(boxes, nodes.Values.ToArray(), edges.Values.ToArray(), (width, height));
    }

    /// <summary>
    /// The graph one level up, for large clusters: a node per namespace (labelled with its workload count), edges
    /// between namespaces with the number of workload pairs they join.
    /// </summary>
    public static ScanGraph Namespaces(ConnectivityReport report, IReadOnlySet<Peer> exposed)
    {
        var boxes = new List<Box>();
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var outside = new[] { Peer.IngressController.DisplayName, ExternalNode };
        Place(boxes, nodes, "outside the cluster", outside.Select(n => (n, n, n, false, true)).ToArray(), Margin, Margin);
        var groups = report.Peers.Where(p => !p.IsExternal).GroupBy(p => p.Namespace!).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var rows = (groups.Length + NamespacesPerRow - 1) / NamespacesPerRow;
        var left = Margin + BoxWidth + Gap;
        boxes.Add(new Box("namespaces (click one for its workloads)", left, Margin, NamespacesPerRow * (NodeWidth + NodeGap) + NodeGap, Header + rows * (NodeHeight + NodeGap) + NodeGap));
        for (var i = 0; i < groups.Length; i++)
        {
            var (column, row) = (i % NamespacesPerRow, i / NamespacesPerRow);
            var label = $"{groups[i].Key} ({groups[i].Count()})";
            nodes[groups[i].Key] = new Node($"n{nodes.Count}", label, $"namespace {groups[i].Key}: {groups[i].Count()} workloads", left + NodeGap + column * (NodeWidth + NodeGap),
                Margin + Header + row * (NodeHeight + NodeGap), groups[i].Any(exposed.Contains), false) { Namespace = groups[i].Key };
        }
        var counts = new Dictionary<(string, string), int>();
        foreach (var connection in report.Connections)
        {
            var key = (NamespaceKey(connection.Source), NamespaceKey(connection.Destination));
            if (key.Item1 != key.Item2)
                counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        var edges = counts.Select(c => new Edge(nodes[c.Key.Item1], nodes[c.Key.Item2], $"{c.Value} connection(s)")).ToArray();
        var width = boxes.Max(b => b.X + b.Width) + Margin;
        var height = boxes.Max(b => b.Y + b.Height) + Margin;
        return new ScanGraph(boxes, nodes.Values.ToArray(), edges, (width, height));
    }

    private static string NamespaceKey(Peer peer) => peer.IsExternal ? NodeKey(peer) : peer.Namespace!;

    private static string NodeKey(Peer peer) => peer is ExternalPeer ? ExternalNode : peer.DisplayName;

    private static Box Place(List<Box> boxes, Dictionary<string, Node> nodes, string title, (string Key, string Label, string Title, bool Exposed, bool Outside)[] members, int x, int y)
    {
        var box = new Box(title, x, y, BoxWidth, Header + members.Length * (NodeHeight + NodeGap) + NodeGap);
        boxes.Add(box);
        for (var i = 0; i < members.Length; i++)
        {
            var m = members[i];
            nodes[m.Key] = new Node($"n{nodes.Count}", m.Label, m.Title, x + (BoxWidth - NodeWidth) / 2, y + Header + i * (NodeHeight + NodeGap), m.Exposed, m.Outside);
        }
        return box;
    }

    /// <summary>The node's width and height, for drawing.</summary>
    public static (int Width, int Height) NodeSize => (NodeWidth, NodeHeight);
}
