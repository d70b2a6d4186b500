using System.Text.Json;
using Palisade.Testing;
using static Palisade.Testing.AuditLines;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// <c>label-change-opened</c> for a workload whose pod template labels changed while the cluster holds its real pods:
/// the rollout gives the pods the template's labels, so the change opens what those labels are admitted to.
/// Cluster: namespace shop, Deployment api (ReplicaSet api-5d4, one pod), pod db (port 5432) that only tier=backend reaches.
/// </summary>
public sealed class TemplateRelabelTests
{
    private const string Cluster = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop, uid: d1}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec: {containers: [{name: api, image: x}]}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: api-5d4, namespace: shop, uid: r1, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, uid: d1, controller: true}]}
        spec:
          selector: {matchLabels: {app: api, pod-template-hash: 5d4}}
          template:
            metadata: {labels: {app: api, pod-template-hash: 5d4}}
            spec: {containers: [{name: api, image: x}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api-5d4-aaaaa, namespace: shop, labels: {app: api, pod-template-hash: 5d4},
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-5d4, uid: r1, controller: true}]}
        spec: {containers: [{name: api, image: x}]}
        status: {phase: Running, podIP: 10.244.1.9, podIPs: [{ip: 10.244.1.9}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}}
        spec: {containers: [{name: db, image: x, ports: [{containerPort: 5432}]}]}
        status: {phase: Running, podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-from-backend, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress:
          - from: [{podSelector: {matchLabels: {tier: backend}}}]
            ports: [{port: 5432}]
        """;

    [Fact]
    public void A_deployments_template_relabelled_into_a_policys_peers_opened_what_its_pods_will_reach()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cluster.yaml"), Cluster);
        File.WriteAllText(dir.File("audit.log"), Log(
            Event("patch", "deployments", "shop", "api", user: "alice", at: "03:00", level: "Request",
                request: """{"spec":{"template":{"metadata":{"labels":{"tier":"backend"}}}}}""")));
        var run = CliRun.Of("audit", dir.File("audit.log"), "--cluster", dir.File("cluster.yaml"), "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        var alert = Assert.Single(output.RootElement.GetProperty("alerts").EnumerateArray());
        Assert.Equal("label-change-opened alice patch Deployment shop/api",
            $"{alert.GetProperty("rule").GetString()} {alert.GetProperty("user").GetString()} {alert.GetProperty("verb").GetString()} {alert.GetProperty("object").GetString()}");
        Assert.Equal(["shop/api[Deployment] => shop/db[Pod] : TCP 5432"], alert.GetProperty("opened").EnumerateArray().Select(l => l.GetString()));
    }
}
