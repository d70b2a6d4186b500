using System.Text;

namespace Palisade.Reporting.Scan;

/// <summary>Draws a laid-out scan graph as inline SVG.</summary>
internal static class ScanSvg
{
    public static void Write(StringBuilder html, ScanGraph graph)
    {
        var (width, height) = graph.Size;
        var (nodeWidth, nodeHeight) = ScanGraph.NodeSize;
        html.Append("<div class=\"graph\"><svg xmlns=\"http://www.w3.org/2000/svg\" id=\"graph\" width=\"").Append(width).Append("\" height=\"").Append(height)
            .Append("\" preserveAspectRatio=\"xMinYMin meet\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\">\n")
            .Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>\n");
        foreach (var box in graph.Boxes)
        {
            html.Append("<g class=\"box\"><rect x=\"").Append(box.X).Append("\" y=\"").Append(box.Y).Append("\" width=\"").Append(box.Width).Append("\" height=\"").Append(box.Height)
                .Append("\" rx=\"6\"/><text x=\"").Append(box.X + 8).Append("\" y=\"").Append(box.Y + 18).Append("\">").Append(ScanHtml.E(box.Title)).Append("</text></g>\n");
        }
        foreach (var edge in graph.Edges)
        {
            var (x1, y1) = (edge.From.X + nodeWidth, edge.From.Y + nodeHeight / 2);
            var (x2, y2) = (edge.To.X, edge.To.Y + nodeHeight / 2);
            if (edge.To.X <= edge.From.X)
                (x1, x2) = (edge.From.X, edge.To.X + nodeWidth);
            var bend = Math.Max(40, Math.Abs(x2 - x1) / 2);
            var c1 = x1 + (x2 >= x1 ? bend : -bend);
            var c2 = x2 - (x2 >= x1 ? bend : -bend);
            html.Append("<path class=\"edge").Append(edge.From.Outside ? " outside" : "").Append("\" data-from=\"").Append(edge.From.Id).Append("\" data-to=\"").Append(edge.To.Id)
                .Append("\" d=\"M ").Append(x1).Append(' ').Append(y1).Append(" C ").Append(c1).Append(' ').Append(y1).Append(", ").Append(c2).Append(' ').Append(y2).Append(", ").Append(x2).Append(' ').Append(y2)
                .Append("\" marker-end=\"url(#arrow)\"><title>").Append(ScanHtml.E($"{edge.From.Title} => {edge.To.Title} : {edge.Connections}")).Append("</title></path>\n");
        }
        foreach (var node in graph.Nodes)
        {
            html.Append("<g class=\"node").Append(node.Exposed ? " exposed" : "").Append(node.Outside ? " outside" : "").Append(node.Namespace is null ? "" : " namespace").Append("\" id=\"").Append(node.Id)
                .Append(node.Namespace is null ? "" : $"\" data-drill=\"drill-{node.Id}")
                .Append("\"><title>").Append(ScanHtml.E(node.Title)).Append("</title><rect x=\"").Append(node.X).Append("\" y=\"").Append(node.Y).Append("\" width=\"").Append(nodeWidth)
                .Append("\" height=\"").Append(nodeHeight).Append("\" rx=\"4\"/><text x=\"").Append(node.X + 6).Append("\" y=\"").Append(node.Y + 16).Append("\">")
                .Append(ScanHtml.E(Shorten(node.Label))).Append("</text></g>\n");
        }
        html.Append("</svg></div>\n");
    }

    private static string Shorten(string label) => label.Length <= 30 ? label : label[..29] + "…";
}
