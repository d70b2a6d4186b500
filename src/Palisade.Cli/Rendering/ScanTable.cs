using Palisade.Findings;
using Palisade.Reporting.Scan;
using Palisade.Scan;
using Spectre.Console;

namespace Palisade.Cli.Rendering;

/// <summary>The scan report in the terminal: risk, inventory and coverage, exposure, then the findings table.</summary>
internal static class ScanTable
{
    public static void Write(ScanReport report, TextWriter output)
    {
        var console = Terminal.Over(output);
        var level = report.Risk.Level?.Name() ?? "none";
        console.Write(new Rule("[bold]Palisade scan[/]").LeftJustified());
        console.MarkupLineInterpolated($"Risk score [bold]{report.Risk.Score}[/]/100 (higher is riskier), worst finding: [bold]{level}[/]");
        var i = report.Inventory;
        var c = report.Coverage;
        var counts = ScanFacts.Connections(report.Connectivity);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(new Text("Weighs most"), new Text(string.Join("\n", report.Risk.WeighsMost().Split("; "))));
        grid.AddRow(new Text("Inventory"), new Text($"{ScanFacts.Count(i.Namespaces, "namespace", "namespaces")}, {ScanFacts.Count(i.Workloads, "workload", "workloads")} ({ScanFacts.Count(i.Pods, "pod", "pods")}), "
            + $"{ScanFacts.Count(i.NetworkPolicies, "NetworkPolicy", "NetworkPolicies")}, {ScanFacts.Count(i.ClusterPolicies, "cluster-scoped policy", "cluster-scoped policies")}, "
            + $"{ScanFacts.Count(i.Services, "Service", "Services")}, {ScanFacts.Count(i.IngressRoutes, "Ingress/Route", "Ingresses/Routes")}"));
        grid.AddRow(new Text("Coverage"), new Text($"ingress isolated {c.IngressIsolated}/{c.Workloads}, egress isolated {c.EgressIsolated}/{c.Workloads}, namespaces with policies {c.NamespacesWithPolicies}/{c.NamespacesWithWorkloads}{(c.HostNetwork > 0 ? $", {c.HostNetwork} hostNetwork" : "")}"));
        grid.AddRow(new Text("Connectivity"), new Text($"{counts.Total} allowed connections, {counts.CrossNamespace} across namespaces or the edge, {counts.Unrestricted} on every port"));
        grid.AddRow(new Text("Exposed"), new Text(report.Exposed.Count == 0 ? "none" : string.Join("; ", report.Exposed.Select(e => $"{e.Workload.DisplayName} ({e.Exposure.All})"))));
        console.Write(grid);
        console.WriteLine();
        FindingsTable.Write(report.Findings, output);
        output.Flush();
    }
}
