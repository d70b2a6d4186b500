using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary><c>palisade connectivity</c>: formats, options and exit codes.</summary>
public sealed class ConnectivityCommandTests
{
    private const string TwoPods = """
        apiVersion: v1
        kind: Pod
        metadata: {name: client, namespace: a, labels: {app: client}}
        status: {podIP: 10.1.0.5}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: server, namespace: a, labels: {app: server}}
        spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: server, namespace: a}
        spec:
          podSelector: {matchLabels: {app: server}}
          ingress:
          - from: [{ipBlock: {cidr: 10.1.0.0/16}}]
            ports: [{port: http}]
        """;

    [Fact]
    public void Txt_is_the_default_and_reads_standard_input()
    {
        var run = CliRun.WithInput(TwoPods, "connectivity", "-");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            0.0.0.0-10.0.255.255[External] => a/client[Pod] : All Connections
            10.1.0.0-10.1.255.255[External] => a/client[Pod] : All Connections
            10.1.0.0-10.1.255.255[External] => a/server[Pod] : TCP 8080
            10.2.0.0-255.255.255.255[External] => a/client[Pod] : All Connections
            a/client[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
            a/client[Pod] => a/server[Pod] : TCP 8080
            a/server[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
            a/server[Pod] => a/client[Pod] : All Connections

            """, run.Output);
    }

    [Fact]
    public void Ipblock_pod_ips_off_gives_the_external_only_view()
    {
        var run = CliRun.WithInput(TwoPods, "connectivity", "-", "--ipblock-pod-ips", "off");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("a/client[Pod] => a/server[Pod]", run.Output);
    }

    [Theory]
    [InlineData("json", "[\n  {\n    \"src\": ")]
    [InlineData("csv", "src,dst,conn\n")]
    [InlineData("md", "| src | dst | conn |\n|-----|-----|------|\n")]
    [InlineData("dot", "digraph {\n\tsubgraph \"cluster_a[namespace]\" {")]
    public void Each_format_has_its_np_guard_shape(string format, string start)
    {
        var run = CliRun.WithInput(TwoPods, "connectivity", "-", "-o", format);
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith(start, run.Output);
    }

    [Fact]
    public void Html_is_one_self_contained_page_with_the_graph_and_every_connection()
    {
        var run = CliRun.WithInput(TwoPods, "connectivity", "-", "-o", "html");
        Assert.Equal(0, run.ExitCode);
        var page = System.Xml.Linq.XDocument.Parse(run.Output);
        var all = page.Descendants().ToArray();
        Assert.DoesNotContain(all, e => e.Attribute("src") is not null || e.Name.LocalName == "link");
        Assert.Single(all, e => e.Name.LocalName == "svg");
        Assert.Contains(all, e => e.Name.LocalName == "input" && e.Attribute("data-target")?.Value == "connections");
        var rows = all.Where(e => e.Name.LocalName == "tr" && e.Elements().All(c => c.Name.LocalName == "td"))
            .Select(r => string.Join(" | ", r.Elements().Select(c => c.Value))).ToArray();
        var lines = CliRun.WithInput(TwoPods, "connectivity", "-").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Select(l => l.Replace(" => ", " | ", StringComparison.Ordinal).Replace(" : ", " | ", StringComparison.Ordinal)), rows);
    }

    [Fact]
    public void Pod_granularity_names_real_pods()
    {
        const string deployment = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web-1, namespace: a, ownerReferences: [{kind: Deployment, name: web, controller: true, apiVersion: apps/v1, uid: x}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1-aaa, namespace: a, ownerReferences: [{kind: ReplicaSet, name: web-1, controller: true, apiVersion: apps/v1, uid: yy}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1-bbb, namespace: a, ownerReferences: [{kind: ReplicaSet, name: web-1, controller: true, apiVersion: apps/v1, uid: z}]}
            """;
        var byWorkload = CliRun.WithInput(deployment, "connectivity", "-");
        Assert.Equal(0, byWorkload.ExitCode);
        Assert.Contains("a/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections", byWorkload.Output);
        Assert.DoesNotContain("a/web[Deployment] => a/web[Deployment]", byWorkload.Output);
        var byPod = CliRun.WithInput(deployment, "connectivity", "-", "--granularity", "pod");
        Assert.Contains("a/web-1-aaa[Pod] => a/web-1-bbb[Pod] : All Connections\n", byPod.Output);
    }

    [Fact]
    public void Verbose_says_what_was_ignored()
    {
        var run = CliRun.WithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n", "connectivity", "-", "-v");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("info: <stdin>:1:1: ignored ConfigMap c: kind not analysed\n", run.Error);
    }

    [Theory]
    [InlineData("connectivity", "-", "-o", "xml")]
    [InlineData("connectivity")]
    [InlineData("connectivity", "-", "--granularity", "node")]
    [InlineData("connectivity", "-", "--ipblock-pod-ips", "maybe")]
    [InlineData("frobnicate")]
    public void Bad_usage_exits_2_with_a_message(params string[] args)
    {
        var run = CliRun.WithInput(TwoPods, args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Bad_input_exits_2_with_one_line_naming_file_object_and_field()
    {
        var run = CliRun.WithInput(TwoPods.Replace("10.1.0.0/16", "10.1.0.0/99"), "connectivity", "-");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: <stdin>:17:29: NetworkPolicy a/server: spec.ingress[0].from[0].ipBlock.cidr: \"10.1.0.0/99\" is not a valid CIDR\n", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Focus_takes_a_workload_as_connectivity_prints_it()
    {
        var named = CliRun.WithInput(TwoPods, "connectivity", "-", "--focus", "a/server");
        var printed = CliRun.WithInput(TwoPods, "connectivity", "-", "--focus", "a/server[Pod]");
        Assert.Equal(0, printed.ExitCode);
        Assert.Equal(named.Output, printed.Output);
        var otherKind = CliRun.WithInput(TwoPods, "connectivity", "-", "--focus", "a/server[Deployment]");
        Assert.Equal(2, otherKind.ExitCode);
        Assert.Equal("error: --focus: no workload a/server[Deployment]\n", otherKind.Error);
    }

    [Fact]
    public void Focus_keeps_the_lines_of_a_workload_and_rejects_unknown_names()
    {
        var run = CliRun.WithInput(TwoPods, "connectivity", "-", "--focus", "a/server");
        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Contains("a/server[Pod]", l));
        Assert.Contains("a/client[Pod] => a/server[Pod] : TCP 8080", run.Output);
        var unknown = CliRun.WithInput(TwoPods, "connectivity", "-", "--focus", "nosuch");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("error: --focus: no workload nosuch\n", unknown.Error);
    }

    [Fact]
    public void A_missing_file_exits_2()
    {
        var run = CliRun.Of("connectivity", "does-not-exist.yaml");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: does-not-exist.yaml: no such file or directory\n", run.Error);
    }

    [Fact]
    public void Empty_input_exits_2()
    {
        var run = CliRun.WithInput("# nothing\n", "connectivity", "-");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: no Kubernetes objects found in -\n", run.Error);
    }

    [Fact]
    public void An_input_of_skipped_documents_only_says_why_they_were_skipped()
    {
        var run = CliRun.WithInput("- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n", "connectivity", "-");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: no Kubernetes objects found in - (<stdin>:1:1: skipped a document that is not a Kubernetes object (not a mapping))\n", run.Error);
    }
}
