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

    [Fact]
    public void A_container_without_ports_listens_on_its_images_default_port()
    {
        var findings = Run(string.Join("\n---\n",
            Workload("cache", "[{name: redis, image: \"docker.io/library/redis:7.2-alpine\"}]"),
            Workload("db", "[{name: app, image: shop/app, ports: [{containerPort: 8080}]}, {name: db, image: \"bitnami/postgresql@sha256:0123\"}]"),
            Workload("moved", "[{name: redis, image: redis, args: [--port, \"7000\"], ports: [{containerPort: 7000}]}]"),
            Workload("web", "[{name: web, image: nginx}]")));
        Assert.Equal(["Deployment shop/cache", "Deployment shop/db"], findings.Select(f => f.Subject).Order(StringComparer.Ordinal));
        var cache = findings.Single(f => f.Subject == "Deployment shop/cache");
        Assert.StartsWith("shop/cache[Deployment] listens on 6379/TCP, the default Redis port of its image docker.io/library/redis:7.2-alpine, which it does not declare; ",
            cache.Message, StringComparison.Ordinal);
        Assert.Equal("spec.template.spec.containers[0].image", cache.Field);
        Assert.Equal(Severity.Medium, cache.Severity);
        Assert.Equal("spec.template.spec.containers[1].image", findings.Single(f => f.Subject == "Deployment shop/db").Field);
    }

    [Fact]
    public void A_service_targeting_an_undeclared_default_port_shows_the_pod_listens_there()
    {
        var finding = Assert.Single(Run(string.Join("\n---\n",
            Workload("db", "[{name: db, image: example.com/team/database}]"),
            """
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: shop}
            spec:
              selector: {app: db}
              ports: [{port: 5432}]
            """)));
        Assert.StartsWith("shop/db[Deployment] listens on 5432/TCP, the default PostgreSQL port, which Service shop/db targets though the pod does not declare it; ",
            finding.Message, StringComparison.Ordinal);
    }
    [Fact]
    public void A_finding_from_a_dumped_pod_is_on_its_deployments_template_line()
    {
        var findings = Run(string.Join("\n---\n",
            Workload("cache", "[{name: redis, image: redis, ports: [{containerPort: 6379}]}]"),
            """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: cache-5d8
              namespace: shop
              ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: cache, uid: d1, controller: true}]
            spec:
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec: {containers: [{name: redis, image: redis, ports: [{containerPort: 6379}]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: cache-5d8-x1
              namespace: shop
              labels: {app: cache}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: cache-5d8, uid: r1, controller: true}]
            spec: {containers: [{name: redis, image: redis, ports: [{containerPort: 6379}]}]}
            """));
        var finding = Assert.Single(findings);
        Assert.Equal(("Deployment shop/cache", "spec.template.spec.containers[0].ports[0]", 11), (finding.Subject, finding.Field, finding.Location?.Line));
    }
}
