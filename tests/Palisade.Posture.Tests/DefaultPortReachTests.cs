using Palisade.Kubernetes;

namespace Palisade.Posture.Tests;

/// <summary>How PAL401 says who reaches a default port: other namespaces' workloads and external addresses, five named.</summary>
public sealed class DefaultPortReachTests
{
    [Fact]
    public void Sources_from_other_namespaces_are_named_five_at_most_and_external_ranges_count_once()
    {
        var path = Path.Combine(CheckFixture.Root, "reach", "many-sources.yaml");
        var cluster = ManifestSource.Load([path], lenient: true, options: new InputOptions { Strict = false }).Cluster;
        var finding = Assert.Single(LintUseCase.Run(cluster, new LintOptions()).Findings.Findings, f => f.Rule.Id == "PAL401");
        // Eight sources: the three external ranges as one, and apps/a1 to a7; data/backup shares the namespace and
        // edge/gw's egress reaches only 203.0.113.0/24. Lines come in report order, where addresses sort first.
        Assert.EndsWith(
            "; reachable from external addresses, apps/a1[Deployment], apps/a2[Deployment], apps/a3[Deployment], apps/a4[Deployment] and 3 more",
            finding.Message, StringComparison.Ordinal);
    }
}
