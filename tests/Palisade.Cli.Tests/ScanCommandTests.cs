using System.Text.Json;
using System.Xml.Linq;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary><c>palisade scan</c> on the bundled example: the terminal summary, JSON and the self-contained HTML page.</summary>
public sealed class ScanCommandTests
{
    private static readonly string Shop = RepoPaths.InRepo("examples", "shop");

    [Fact]
    public void Table_shows_risk_inventory_exposure_and_findings()
    {
        var run = CliRun.Of("scan", Shop);
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Risk score \d+/100 \(higher is riskier\), worst finding: high", run.Output);
        Assert.Contains("Weighs most   ", run.Output, StringComparison.Ordinal);
        Assert.Contains("Inventory     5 namespaces, 11 workloads", run.Output, StringComparison.Ordinal);
        Assert.Contains("Exposed       shop-web/storefront[Deployment] (TCP 8080)", run.Output, StringComparison.Ordinal);
        Assert.Contains("PAL302", run.Output, StringComparison.Ordinal);
    }

    /// <summary>The guestbook has one namespace and no policy: counts of one read in the singular, in the table and the page.</summary>
    [Fact]
    public void Counts_of_one_are_singular()
    {
        var guestbook = RepoPaths.Corpus("manifests", "guestbook");
        var table = CliRun.Of("scan", guestbook).Output;
        Assert.Contains("Inventory     1 namespace, 3 workloads (6 pods), 0 NetworkPolicies,", table, StringComparison.Ordinal);
        var html = CliRun.Of("scan", guestbook, "-o", "html").Output;
        Assert.Contains("<li>1 namespace, 3 workloads, 6 pods</li>", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// Coverage leaves hostNetwork workloads out (no policy isolates them), and so do its namespace counts, as PAL101
    /// does: a namespace of node agents alone is not one lacking policies, and a namespace with policies but no
    /// workload is not counted as covered.
    /// </summary>
    [Fact]
    public void Coverage_counts_namespaces_of_the_workloads_it_counts()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cluster.yaml"), """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: mon}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec: {hostNetwork: true, containers: [{name: a, image: agent}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: a, labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: c, labels: {app: api}}
            spec: {containers: [{name: api, image: nginx}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: a}
            spec: {podSelector: {}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: b}
            spec: {podSelector: {}}
            """);
        using var json = JsonDocument.Parse(CliRun.Of("scan", dir.File("cluster.yaml"), "-o", "json").Output);
        var coverage = json.RootElement.GetProperty("coverage");
        Assert.Equal((2, 1, 1, 2), (coverage.GetProperty("workloads").GetInt32(), coverage.GetProperty("hostNetwork").GetInt32(),
            coverage.GetProperty("namespacesWithPolicies").GetInt32(), coverage.GetProperty("namespacesWithWorkloads").GetInt32()));
    }

    [Fact]
    public void Json_counts_agree_with_the_findings_and_the_connectivity_report()
    {
        using var json = JsonDocument.Parse(CliRun.Of("scan", Shop, "-o", "json").Output);
        var root = json.RootElement;
        var findings = root.GetProperty("findings").GetArrayLength();
        Assert.Equal(findings, root.GetProperty("summary").GetProperty("findings").GetInt32());
        var lines = CliRun.Of("connectivity", Shop).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal(lines, root.GetProperty("connectivity").GetProperty("connections").GetInt32());
        Assert.Equal(11, root.GetProperty("inventory").GetProperty("workloads").GetInt32());
        Assert.Equal("shop-web/storefront[Deployment]", root.GetProperty("exposed")[0].GetProperty("workload").GetString());
        var score = root.GetProperty("risk").GetProperty("score").GetInt32();
        Assert.InRange(score, 0, 99);
    }

    [Fact]
    public void Html_is_one_well_formed_self_contained_page()
    {
        var run = CliRun.Of("scan", Shop, "-o", "html");
        Assert.Equal(0, run.ExitCode);
        var page = XDocument.Parse(run.Output);
        var all = page.Descendants().ToArray();
        Assert.DoesNotContain(all, e => e.Name.LocalName == "link");
        Assert.DoesNotContain(all, e => e.Attribute("src") is not null);
        Assert.DoesNotContain(all, e => e.Attribute("href")?.Value.Contains("//", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("url(http", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_graph_has_a_node_per_workload_and_highlights_exposure()
    {
        var page = XDocument.Parse(CliRun.Of("scan", Shop, "-o", "html").Output);
        var svg = page.Descendants().Single(e => e.Name.LocalName == "svg");
        var nodes = svg.Descendants().Where(e => e.Name.LocalName == "g" && (e.Attribute("class")?.Value.StartsWith("node", StringComparison.Ordinal) ?? false)).ToArray();
        string Title(XElement node) => node.Elements().First(e => e.Name.LocalName == "title").Value;
        Assert.Equal(11 + 2, nodes.Length);
        var exposed = nodes.Where(n => n.Attribute("class")!.Value.Contains("exposed", StringComparison.Ordinal)).Select(Title).ToArray();
        Assert.Equal(["shop-web/storefront[Deployment]"], exposed);
        var edges = svg.Descendants().Where(e => e.Name.LocalName == "path" && e.Attribute("class")?.Value.StartsWith("edge", StringComparison.Ordinal) == true).ToArray();
        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.Contains(" => ", e.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Html_lists_every_finding_grouped_by_severity()
    {
        using var json = JsonDocument.Parse(CliRun.Of("lint", Shop, "-o", "json").Output);
        var html = CliRun.Of("scan", Shop, "-o", "html").Output;
        foreach (var finding in json.RootElement.GetProperty("findings").EnumerateArray())
            Assert.Contains(System.Net.WebUtility.HtmlEncode(finding.GetProperty("message").GetString()!), html, StringComparison.Ordinal);
        Assert.Contains("<summary class=\"sev high\">high (", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_gates_scan_too()
    {
        Assert.Equal(1, CliRun.Of("scan", Shop, "-o", "json", "--fail-on", "high").ExitCode);
    }
}
