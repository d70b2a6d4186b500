using System.Xml.Linq;
using Palisade.Connectivity;
using Palisade.Findings;
using Palisade.Model;
using Palisade.Net;
using Palisade.Reporting.Scan;
using Palisade.Scan;

namespace Palisade.Core.Tests.Reporting;

/// <summary>The HTML report of a 10,000-pod cluster: a namespace graph with drill-downs, capped tables, under 5 MB.</summary>
public sealed class ScanHtmlScaleTests
{
    private const int Namespaces = 100, WorkloadsPerNamespace = 33;

    private static ScanReport Large()
    {
        var peers = Enumerable.Range(0, Namespaces).SelectMany(n => Enumerable.Range(0, WorkloadsPerNamespace)
            .Select(w => (Peer)new WorkloadPeer(new WorkloadRef($"team-ns-{n}", $"app-{w}", "Deployment")))).ToArray();
        var random = new Random(7);
        var connections = new List<Connection>();
        foreach (var source in peers)
        {
            foreach (var destination in peers.Where(d => d.Namespace == source.Namespace && d != source))
                connections.Add(new Connection(source, destination, ConnectionSet.Of(Protocol.Tcp, PortSet.Single(8080))));
            for (var i = 0; i < 20; i++)
                connections.Add(new Connection(source, peers[random.Next(peers.Length)], ConnectionSet.All));
        }
        var rule = new RuleInfo("PAL105", "workload-not-isolated-egress", "Workload can connect anywhere", Severity.High, "coverage", "why");
        var findings = peers.Select(p => new Finding(rule, new ResourceRef("Deployment", p.Namespace, p.DisplayName), $"{p} can reach the cloud metadata service, Kubernetes component ports and the internet", "fix it")
        {
            Fix = string.Concat(Enumerable.Repeat("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n", 20)),
        }).ToArray();
        return new ScanReport(
            new Inventory(Namespaces, peers.Length, 10_000, 1000, 0, 0, 0),
            new PolicyCoverage(peers.Length, 0, 0, 0, 0, Namespaces),
            new ConnectivityReport(peers, connections.DistinctBy(c => (c.Source, c.Destination)).ToArray()),
            [],
            new FindingsResult("lint", [rule], findings, 0),
            new RiskSummary(Severity.High, 80, []));
    }

    [Fact]
    public void Ten_thousand_pods_make_a_page_under_5_MB_with_a_namespace_graph()
    {
        var output = new StringWriter();
        ScanHtml.Write(Large(), "large", output);
        var text = output.ToString();
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(text), 1, 5 * 1024 * 1024);
        var page = XDocument.Parse(text);
        var nodes = page.Descendants().Where(e => e.Name.LocalName == "g" && (e.Attribute("class")?.Value.Contains("namespace", StringComparison.Ordinal) ?? false)).ToArray();
        Assert.Equal(Namespaces, nodes.Length);
        var drills = page.Descendants().Where(e => e.Attribute("class")?.Value == "drill").ToArray();
        Assert.Equal(Namespaces, drills.Length);
        Assert.All(nodes, n => Assert.Contains(drills, d => d.Attribute("id")!.Value == n.Attribute("data-drill")!.Value));
        Assert.Contains("1000 of 3300 findings shown", text, StringComparison.Ordinal);
        Assert.Matches(@"1000 of \d+ connections shown; palisade connectivity PATH -o csv lists them all", text);
    }
}
