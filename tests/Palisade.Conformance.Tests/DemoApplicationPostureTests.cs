using System.Text.Json;
using Palisade.Testing;

namespace Palisade.Conformance.Tests;

/// <summary>
/// <c>palisade lint</c> on the real demo applications, against what reading their manifests shows
/// (docs/posture-findings.md lists every finding and the verdict on it).
/// </summary>
public sealed class DemoApplicationPostureTests
{
    private static (string Id, string Resource)[] Findings(string path)
    {
        var run = CliRun.Of("lint", path, "-o", "json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f =>
            {
                var r = f.GetProperty("resource");
                var ns = r.TryGetProperty("namespace", out var n) ? n.GetString() + "/" : "";
                return (f.GetProperty("id").GetString()!, $"{r.GetProperty("kind").GetString()} {ns}{r.GetProperty("name").GetString()}");
            })
            .ToArray();
    }

    private static string[] Of(IEnumerable<(string Id, string Resource)> findings, string id) =>
        findings.Where(f => f.Id == id).Select(f => f.Resource).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Guestbook_is_open_and_its_frontend_exposed_by_NodePort()
    {
        var findings = Findings(RepoPaths.Corpus("manifests", "guestbook"));
        Assert.Equal(["Namespace default"], Of(findings, "PAL101"));
        Assert.Equal(["Service default/frontend"], Of(findings, "PAL301"));
        Assert.Equal(["Deployment default/frontend"], Of(findings, "PAL106"));
        Assert.Equal(["Deployment default/redis-master", "Deployment default/redis-replica"], Of(findings, "PAL401"));
        Assert.DoesNotContain(findings, f => f.Id.StartsWith("PAL2", StringComparison.Ordinal));
        Assert.Equal(5, findings.Length);
    }

    [Fact]
    public void Online_boutique_without_policies_exposes_the_frontend_to_the_internet()
    {
        var findings = Findings(RepoPaths.Corpus("manifests", "online-boutique", "kubernetes-manifests.yaml"));
        Assert.Equal(["Namespace default"], Of(findings, "PAL101"));
        Assert.Equal(["Service default/frontend-external"], Of(findings, "PAL302"));
        // The LoadBalancer's node port as well, whatever its source ranges.
        Assert.Equal(["Service default/frontend-external"], Of(findings, "PAL301"));
        Assert.Equal(["Deployment default/frontend"], Of(findings, "PAL106"));
        Assert.Empty(Of(findings, "PAL403"));
        Assert.Empty(Of(findings, "PAL402"));
        Assert.Equal(5, findings.Length);
    }

    [Fact]
    public void Online_boutique_policies_isolate_everything_but_leave_egress_open()
    {
        var findings = Findings(RepoPaths.Corpus("manifests", "online-boutique"));
        Assert.Empty(Of(findings, "PAL101"));
        Assert.Empty(Of(findings, "PAL102"));
        Assert.Empty(Of(findings, "PAL104"));
        Assert.Equal(12, Of(findings, "PAL204").Length);
        Assert.Equal(["NetworkPolicy default/frontend"], Of(findings, "PAL203"));
        Assert.Equal(["Deployment default/redis-cart"], Of(findings, "PAL401"));
        Assert.Empty(Of(findings, "PAL201"));
        Assert.Empty(Of(findings, "PAL202"));
        Assert.Empty(Of(findings, "PAL207"));
        Assert.Empty(Of(findings, "PAL402"));
        Assert.Empty(Of(findings, "PAL403"));
        Assert.Equal(["Service default/frontend-external"], Of(findings, "PAL301"));
        Assert.Equal(17, findings.Length);
    }
}
