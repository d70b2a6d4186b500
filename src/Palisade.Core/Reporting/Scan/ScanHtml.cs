using System.Globalization;
using System.Net;
using System.Text;
using Palisade.Findings;
using Palisade.Scan;

namespace Palisade.Reporting.Scan;

/// <summary>
/// The scan report as one self-contained HTML page: styles and scripts inline, no network access needed.
/// The markup is well-formed XML, so tests can parse it.
/// </summary>
public static class ScanHtml
{
    /// <summary>Writes the page.</summary>
    public static void Write(ScanReport report, string title, TextWriter output)
    {
        var html = Open("Palisade scan", title);
        Risk(html, report);
        Overview(html, report);
        Exposure(html, report);
        Graph(html, report.Connectivity, report.Exposed.Select(e => e.Workload).ToHashSet());
        Findings(html, report.Findings);
        Connections(html, report.Connectivity);
        Close(html, output);
    }

    /// <summary>A page's head (inline styles) and header, up to its main content.</summary>
    internal static StringBuilder Open(string heading, string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .Append("<title>").Append(E(heading)).Append(": ").Append(E(title)).Append("</title>\n")
            .Append("<style>/*<![CDATA[*/\n").Append(ScanHtmlAssets.Style).Append("/*]]>*/</style>\n</head>\n<body>\n")
            .Append("<header><h1>").Append(E(heading)).Append("</h1><p class=\"muted\">").Append(E(title)).Append("</p></header>\n<main>\n");
        return html;
    }

    /// <summary>Ends the page (inline script) and writes it.</summary>
    internal static void Close(StringBuilder html, TextWriter output)
    {
        html.Append("</main>\n<script>//<![CDATA[\n").Append(ScanHtmlAssets.Script).Append("//]]></script>\n</body>\n</html>\n");
        output.Write(html.ToString());
    }

    private static void Risk(StringBuilder html, ScanReport report)
    {
        var level = report.Risk.Level?.Name() ?? "none";
        html.Append("<section class=\"cards\">\n<div class=\"card risk ").Append(level).Append("\"><h2>Risk</h2><p class=\"big\">")
            .Append(report.Risk.Score.ToString(CultureInfo.InvariantCulture)).Append("<small>/100, higher is riskier</small></p><p>worst finding: <b>").Append(level).Append("</b></p></div>\n");
        html.Append("<div class=\"card\"><h2>Findings</h2><ul class=\"counts\">");
        foreach (var (severity, count) in report.Findings.CountsBySeverity.OrderByDescending(p => p.Key))
            html.Append("<li class=\"sev ").Append(severity.Name()).Append("\">").Append(count).Append(' ').Append(severity.Name()).Append("</li>");
        html.Append("</ul><p class=\"muted\">").Append(report.Findings.Rules.Count).Append(" checks, ").Append(report.Findings.Suppressed).Append(" suppressed</p></div>\n");
        html.Append("<div class=\"card\"><h2>Weighs most</h2><ul>");
        foreach (var factor in report.Risk.Factors.Where(f => f.Points > 0).Take(5))
            html.Append("<li>").Append(E(factor.Detail)).Append(" <span class=\"muted\">(+").Append(factor.Points).Append(")</span></li>");
        html.Append("</ul></div>\n</section>\n");
    }

    private static void Overview(StringBuilder html, ScanReport report)
    {
        var i = report.Inventory;
        var c = report.Coverage;
        var counts = ScanFacts.Connections(report.Connectivity);
        html.Append("<section class=\"cards\">\n<div class=\"card\"><h2>Inventory</h2><ul>")
            .Append(Li($"{ScanFacts.Count(i.Namespaces, "namespace", "namespaces")}, {ScanFacts.Count(i.Workloads, "workload", "workloads")}, {ScanFacts.Count(i.Pods, "pod", "pods")}"))
            .Append(Li($"{ScanFacts.Count(i.NetworkPolicies, "NetworkPolicy", "NetworkPolicies")}, {ScanFacts.Count(i.ClusterPolicies, "cluster-scoped policy", "cluster-scoped policies")}"))
            .Append(Li($"{ScanFacts.Count(i.Services, "Service", "Services")}, {ScanFacts.Count(i.IngressRoutes, "Ingress or Route", "Ingresses and Routes")}"))
            .Append("</ul></div>\n<div class=\"card\"><h2>Policy coverage</h2><ul>")
            .Append(Li($"ingress isolated: {c.IngressIsolated} of {c.Workloads} workloads ({Percent(c.IngressIsolated, c.Workloads)})"))
            .Append(Li($"egress isolated: {c.EgressIsolated} of {c.Workloads} workloads ({Percent(c.EgressIsolated, c.Workloads)})"))
            .Append(Li($"namespaces with policies: {c.NamespacesWithPolicies} of {c.NamespacesWithWorkloads} with workloads"))
            .Append(c.HostNetwork > 0 ? Li($"{c.HostNetwork} hostNetwork workloads, outside any pod policy") : "")
            .Append("</ul></div>\n<div class=\"card\"><h2>Connectivity</h2><ul>")
            .Append(Li($"{counts.Total} allowed connections"))
            .Append(Li($"{counts.CrossNamespace} across namespaces or the cluster edge"))
            .Append(Li($"{counts.Unrestricted} on every port and protocol"))
            .Append("</ul></div>\n</section>\n");
    }

    private static void Exposure(StringBuilder html, ScanReport report)
    {
        html.Append("<section><h2>Reachable from outside the cluster</h2>\n");
        if (report.Exposed.Count == 0)
        {
            html.Append("<p>No workload is reachable from outside.</p></section>\n");
            return;
        }
        html.Append("<table><thead><tr><th>Workload</th><th>Connections</th><th>How</th></tr></thead><tbody>\n");
        foreach (var exposed in report.Exposed)
        {
            html.Append("<tr class=\"exposed\"><td>").Append(E(exposed.Workload.DisplayName)).Append("</td><td>")
                .Append(E(exposed.Exposure.All.ToString())).Append("</td><td>").Append(E(exposed.Exposure.Describe())).Append("</td></tr>\n");
        }
        html.Append("</tbody></table></section>\n");
    }

    /// <summary>The graph of who can reach whom; <paramref name="exposed"/> are drawn in red.</summary>
    internal static void Graph(StringBuilder html, Connectivity.ConnectivityReport connectivity, IReadOnlySet<Connectivity.Peer> exposed)
    {
        html.Append("<section><h2>Who can reach whom</h2>\n");
        if (ScanGraph.Layout(connectivity, exposed) is { } graph)
        {
            html.Append("<p class=\"muted\">Click a workload to show only its connections; red nodes are reachable from outside, red edges come from outside.</p>\n");
            ScanSvg.Write(html, graph);
        }
        else
        {
            var namespaces = ScanGraph.Namespaces(connectivity, exposed);
            html.Append("<p class=\"muted\">More than ").Append(ScanGraph.MaxNodes).Append(" workloads: one node per namespace. Click a namespace to list its workloads' connections below; red nodes hold workloads reachable from outside.</p>\n");
            ScanSvg.Write(html, namespaces);
            Drilldowns(html, connectivity, namespaces);
        }
        html.Append("</section>\n");
    }

    /// <summary>Per namespace, its workloads' connections (hidden until its node is clicked), capped per namespace.</summary>
    private static void Drilldowns(StringBuilder html, Connectivity.ConnectivityReport connectivity, ScanGraph graph)
    {
        var bySource = connectivity.Connections.Where(c => !c.Source.IsExternal).ToLookup(c => c.Source.Namespace!);
        var byDestination = connectivity.Connections.Where(c => c.Source.IsExternal).ToLookup(c => c.Destination.Namespace ?? "");
        foreach (var node in graph.Nodes.Where(n => n.Namespace is not null))
        {
            var rows = bySource[node.Namespace!].Concat(byDestination[node.Namespace!]).ToArray();
            html.Append("<div class=\"drill\" id=\"drill-").Append(node.Id).Append("\" hidden=\"hidden\"><h3>").Append(E(node.Title)).Append("</h3>\n");
            ConnectionRows(html, rows, MaxDrillRows, "");
            html.Append("</div>\n");
        }
    }

    /// <summary>Rows shown per namespace in the drill-down; the rest is counted.</summary>
    public const int MaxDrillRows = 100;

    /// <summary>Rows of the connections table; the rest is counted, and <c>palisade connectivity</c> lists all.</summary>
    public const int MaxConnectionRows = 1000;

    /// <summary>Findings listed; the rest is counted, and <c>palisade lint -o json</c> lists all.</summary>
    public const int MaxFindings = 1000;

    /// <summary>The namespace a finding is shown under: its object's, or the Namespace itself.</summary>
    private static string Group(Finding f) => f.Resource switch
    {
        { Kind: "Namespace" } r => r.Name,
        { Namespace: { } ns } => ns,
        _ => "(cluster-scoped)",
    };

    private static void Findings(StringBuilder html, FindingsResult posture)
    {
        html.Append("<section><h2>Findings</h2>\n<input type=\"search\" class=\"filter\" data-target=\"findings\" placeholder=\"Filter findings\"/>\n<div id=\"findings\">\n");
        foreach (var bySeverity in posture.Findings.Take(MaxFindings).GroupBy(f => f.Severity))
        {
            html.Append("<details open=\"open\"><summary class=\"sev ").Append(bySeverity.Key.Name()).Append("\">")
                .Append(bySeverity.Key.Name()).Append(" (").Append(bySeverity.Count()).Append(")</summary>\n");
            foreach (var byNamespace in bySeverity.GroupBy(Group).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                html.Append("<h3>").Append(E(byNamespace.Key)).Append("</h3>\n<table><thead><tr><th>Check</th><th>Resource</th><th>Finding</th><th>Remediation</th><th>Location</th></tr></thead><tbody>\n");
                foreach (var f in byNamespace)
                {
                    html.Append("<tr><td title=\"").Append(E(f.Rule.Title)).Append("\">").Append(E(f.Rule.Id)).Append("<br/><small>").Append(E(f.Rule.Name)).Append("</small></td><td>")
                        .Append(E(f.Subject)).Append("</td><td>").Append(E(f.Message)).Append("</td><td>").Append(E(f.Remediation ?? ""));
                    if (f.Fix is not null)
                        html.Append("<details><summary>fix</summary><pre>").Append(E(f.Fix)).Append("</pre></details>");
                    html.Append("</td><td>").Append(E(f.Location?.ToString() ?? "")).Append("</td></tr>\n");
                }
                html.Append("</tbody></table>\n");
            }
            html.Append("</details>\n");
        }
        if (posture.Findings.Count == 0)
            html.Append("<p>No findings.</p>\n");
        else if (posture.Findings.Count > MaxFindings)
            html.Append("<p class=\"muted\">").Append(MaxFindings).Append(" of ").Append(posture.Findings.Count).Append(" findings shown, most severe first; palisade lint PATH -o json lists them all.</p>\n");
        html.Append("</div></section>\n");
    }

    /// <summary>The searchable table of allowed connections.</summary>
    internal static void Connections(StringBuilder html, Connectivity.ConnectivityReport connectivity)
    {
        html.Append("<section><h2>Allowed connections</h2>\n<input type=\"search\" class=\"filter\" data-target=\"connections\" placeholder=\"Filter connections\"/>\n<div id=\"connections\">\n");
        ConnectionRows(html, connectivity.Connections, MaxConnectionRows, "palisade connectivity PATH -o csv lists them all");
        html.Append("</div></section>\n");
    }

    private static void ConnectionRows(StringBuilder html, IReadOnlyList<Connectivity.Connection> connections, int max, string more)
    {
        html.Append("<table><thead><tr><th>Source</th><th>Destination</th><th>Connections</th></tr></thead><tbody>\n");
        foreach (var connection in connections.Take(max))
        {
            html.Append("<tr><td>").Append(E(connection.Source.DisplayName)).Append("</td><td>").Append(E(connection.Destination.DisplayName))
                .Append("</td><td>").Append(E(connection.Connections.ToString())).Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n");
        if (connections.Count > max)
            html.Append("<p class=\"muted\">").Append(max).Append(" of ").Append(connections.Count).Append(" connections shown").Append(more.Length == 0 ? "" : "; " + E(more)).Append(".</p>\n");
    }

    private static string Li(string text) => "<li>" + E(text) + "</li>";

    private static string Percent(int part, int whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>HTML-encodes text (also safe in attributes).</summary>
    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
