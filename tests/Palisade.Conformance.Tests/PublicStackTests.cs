using System.Text.Json;
using Palisade.Testing;

namespace Palisade.Conformance.Tests;

/// <summary>
/// lint and scan on our own fixtures after public stacks (PublicStacks/README.md): one finding per cause, the
/// operator's pods modelled, the objects not evaluated warned about, the risk score spread out, and a repository
/// with broken and template files read as far as it can be.
/// </summary>
public sealed class PublicStackTests
{
    private static string Stack(string name) => Path.Combine(AppContext.BaseDirectory, "PublicStacks", name);

    private static (string[] Findings, int Score, string Error) Run(string name, params string[] extra)
    {
        var lint = CliRun.Of(["lint", Stack(name), "-o", "json", .. extra]);
        Assert.True(lint.ExitCode == 0, lint.Error);
        using var json = JsonDocument.Parse(lint.Output);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("id").GetString()} {f.GetProperty("severity").GetString()} {Resource(f)}")
            .Order(StringComparer.Ordinal).ToArray();
        using var scan = JsonDocument.Parse(CliRun.Of(["scan", Stack(name), "-o", "json", .. extra]).Output);
        return (findings, scan.RootElement.GetProperty("risk").GetProperty("score").GetInt32(), lint.Error);
    }

    private static string Resource(JsonElement finding) =>
        finding.TryGetProperty("resource", out var r)
            ? $"{r.GetProperty("kind").GetString()} {(r.TryGetProperty("namespace", out var ns) ? ns.GetString() + "/" : "")}{r.GetProperty("name").GetString()}"
            : "(input)";

    [Fact]
    public void Kube_prometheus_models_the_operator_s_pods_and_reports_each_allow_all_egress_once()
    {
        var (findings, score, _) = Run("kube-prometheus");
        Assert.Equal(
        [
            "PAL102 medium Namespace monitoring",
            "PAL103 low Namespace monitoring",
            "PAL204 high NetworkPolicy monitoring/alertmanager-main",
            "PAL204 high NetworkPolicy monitoring/grafana",
            "PAL204 high NetworkPolicy monitoring/kube-state-metrics",
            "PAL204 high NetworkPolicy monitoring/prometheus-k8s",
            "PAL204 high NetworkPolicy monitoring/prometheus-operator",
            "PAL204 medium NetworkPolicy monitoring/node-exporter",
            "PAL305 high DaemonSet monitoring/node-exporter",
            "PAL501 high ClusterRoleBinding prometheus-operator",
        ], findings);
        Assert.InRange(score, 55, 80);
    }

    [Fact]
    public void Kube_prometheus_connects_prometheus_to_what_it_scrapes()
    {
        var lines = CliRun.Of("connectivity", Stack("kube-prometheus")).Output.Split('\n');
        Assert.Contains("monitoring/prometheus-k8s[StatefulSet] => monitoring/alertmanager-main[StatefulSet] : TCP 8080,9093", lines);
        Assert.Contains("monitoring/prometheus-k8s[StatefulSet] => monitoring/kube-state-metrics[Deployment] : TCP 8443,9443", lines);
    }

    [Fact]
    public void Kube_state_metrics_and_the_operator_may_reach_the_api_server()
    {
        var (findings, _, _) = Run("kube-prometheus");
        Assert.DoesNotContain(findings, f => f.StartsWith("PAL402", StringComparison.Ordinal));
        var message = JsonDocument.Parse(CliRun.Of("lint", Stack("kube-prometheus"), "-o", "json").Output).RootElement
            .GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "PAL204" && Resource(f).EndsWith("/kube-state-metrics", StringComparison.Ordinal))
            .GetProperty("message").GetString()!;
        Assert.DoesNotContain("6443", message, StringComparison.Ordinal);
        Assert.Contains("the cloud metadata service", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Argo_cd_installed_with_n_lands_in_its_namespace()
    {
        var (findings, score, _) = Run("argo-cd", "-n", "argocd");
        Assert.Equal(
        [
            "PAL102 medium Namespace argocd",
            "PAL105 high Deployment argocd/argocd-dex-server",
            "PAL105 high Deployment argocd/argocd-repo-server",
            "PAL105 high Deployment argocd/argocd-server",
            "PAL105 high StatefulSet argocd/argocd-application-controller",
            "PAL203 medium NetworkPolicy argocd/argocd-server-network-policy",
            "PAL206 medium Deployment argocd/argocd-redis",
            "PAL211 low NetworkPolicy argocd/argocd-application-controller-network-policy",
            "PAL211 low NetworkPolicy argocd/argocd-dex-server-network-policy",
            "PAL211 low NetworkPolicy argocd/argocd-repo-server-network-policy",
            "PAL401 low Deployment argocd/argocd-redis",
            "PAL501 high ClusterRoleBinding argocd-application-controller",
            "PAL502 high ClusterRoleBinding argocd-application-controller",
            "PAL503 high ClusterRole argocd-application-controller",
            "PAL504 high ClusterRoleBinding argocd-application-controller",
        ], findings);
        Assert.InRange(score, 55, 85);
    }

    [Fact]
    public void A_cilium_policy_is_warned_about_loudly()
    {
        var (findings, score, error) = Run("cilium-demo");
        Assert.Equal(["PAL101 high Namespace default"], findings);
        Assert.Contains("warning: NOT EVALUATED: ", error, StringComparison.Ordinal);
        Assert.Contains("CiliumNetworkPolicy default/rule1 (cilium.io/v2) is a Cilium policy, which Palisade does not evaluate yet", error, StringComparison.Ordinal);
        Assert.InRange(score, 55, 85);
    }

    [Fact]
    public void An_examples_repository_is_read_around_its_broken_files_and_charts()
    {
        var (findings, _, error) = Run("examples-repo");
        Assert.Equal(
        [
            "PAL001 medium (input)",
            "PAL001 medium (input)",
            "PAL101 high Namespace default",
            "PAL106 high ReplicationController default/guestbook",
            "PAL301 low Service default/guestbook",
            "PAL302 high Service default/guestbook",
            "PAL401 medium ReplicationController default/redis-master",
        ], findings);
        Assert.Contains("broken.yaml:7:5: Pod broken: spec.containers: expected a list; not read (PAL001)", error, StringComparison.Ordinal);
        Assert.Contains("charts: a Helm chart, and helm is not installed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bookinfo_s_gateway_exposes_the_product_page()
    {
        var (findings, score, _) = Run("bookinfo");
        Assert.Contains("PAL106 medium Deployment bookinfo/productpage-v1", findings);
        Assert.Contains("PAL304 medium VirtualService bookinfo/bookinfo", findings);
        Assert.DoesNotContain(findings, f => f.Contains("VirtualService bookinfo/reviews", StringComparison.Ordinal));
        Assert.InRange(score, 55, 85);
    }

    [Fact]
    public void Scores_spread_the_stacks_apart()
    {
        var scores = new[] { "kube-prometheus", "cilium-demo", "examples-repo", "bookinfo" }.Select(s => Run(s).Score)
            .Append(Run("argo-cd", "-n", "argocd").Score).ToArray();
        Assert.All(scores, s => Assert.InRange(s, 1, 99));
        Assert.True(scores.Distinct().Count() >= 4, string.Join(", ", scores));
    }
}
