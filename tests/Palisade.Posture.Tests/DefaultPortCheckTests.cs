using Palisade.Findings;
using Palisade.Kubernetes;

namespace Palisade.Posture.Tests;

/// <summary>PAL401 beyond its fixtures: where its findings point, and default ports a container listens on without declaring them.</summary>
public sealed class DefaultPortCheckTests
{
    private static IReadOnlyList<Finding> Run(string yaml)
    {
        var loaded = ManifestSource.LoadText("ports.yaml", yaml);
        return LintUseCase.Run(loaded.Cluster, new LintOptions()).Findings.Findings.Where(f => f.Rule.Id == "PAL401").ToArray();
    }

    private static string Workload(string name, string containers) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{name}}, namespace: shop}
        spec:
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              containers: {{containers}}
        """;

    [Fact]
    public void A_declared_default_port_finding_names_its_port_entry()
    {
        var finding = Assert.Single(Run(Workload("cache", "[{name: redis, image: redis, ports: [{containerPort: 6379}]}]")));
        Assert.Equal(("spec.template.spec.containers[0].ports[0]", 11), (finding.Field, finding.Location?.Line));
    }
}
