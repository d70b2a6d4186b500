using System.Text.Json;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// A Service cluster IP resolved to "the Service's pods' workload, judged, keyed and reported with the Service's target
/// port" (the contract) when its selector also matches pods that are not its endpoints: a finished Job's pod, and a pod
/// on which a named target port does not resolve (Kubernetes leaves both out of the Service's endpoints).
/// Cluster: namespace shop, StatefulSet api (pod api-0, 10.244.1.5, ports http 8080 and metrics 9090) behind Service api
/// (10.96.0.70: 80 → http, 9090 → metrics); client (10.244.1.7), admitted by api-in on TCP 8080 only; other (10.244.1.8).
/// </summary>
public sealed class ServiceTargetTests
{
    private const string Client = "10.244.1.7";
    private const string Other = "10.244.1.8";
    private const string ApiService = "10.96.0.70";

    private const string Cluster = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: api-0
          namespace: shop
          labels: {app: api}
          ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: api, uid: u1, controller: true}]
          creationTimestamp: "2026-01-01T00:00:00Z"
        spec: {nodeName: node-1, containers: [{name: api, image: x, ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]}]}
        status: {phase: Running, podIP: 10.244.1.5, podIPs: [{ip: 10.244.1.5}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: client, namespace: shop, labels: {app: client}, creationTimestamp: "2026-01-01T00:00:00Z"}
        spec: {nodeName: node-1, containers: [{name: c, image: x}]}
        status: {phase: Running, podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: other, namespace: shop, labels: {app: other}, creationTimestamp: "2026-01-01T00:00:00Z"}
        spec: {nodeName: node-1, containers: [{name: c, image: x}]}
        status: {phase: Running, podIP: 10.244.1.8, podIPs: [{ip: 10.244.1.8}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec:
          clusterIP: 10.96.0.70
          selector: {app: api}
          ports: [{name: http, port: 80, targetPort: http}, {name: metrics, port: 9090, targetPort: metrics}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: api-in, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: api}}
          policyTypes: [Ingress]
          ingress:
          - from: [{podSelector: {matchLabels: {app: client}}}]
            ports: [{port: 8080}]
        """;

    /// <summary>A finished pod of Job shop/aaa-migrate that carries the Service's label (its name sorts first).</summary>
    private const string FinishedJobPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: aaa-migrate-x7k2p
          namespace: shop
          labels: {app: api}
          ownerReferences: [{apiVersion: batch/v1, kind: Job, name: aaa-migrate, uid: u2, controller: true}]
          creationTimestamp: "2026-01-01T00:00:00Z"
        spec: {nodeName: node-1, containers: [{name: m, image: x}]}
        status: {phase: Succeeded, podIP: 10.244.1.9, podIPs: [{ip: 10.244.1.9}], hostIP: 10.0.0.11}
        """;

    /// <summary>A pod of the Service's own kind being deleted (terminating: out of the endpoints kube-proxy routes new connections to).</summary>
    private const string TerminatingPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: aaa-old
          namespace: shop
          labels: {app: api}
          creationTimestamp: "2026-01-01T00:00:00Z"
          deletionTimestamp: "2026-01-02T00:00:30Z"
          deletionGracePeriodSeconds: 30
        spec: {nodeName: node-1, containers: [{name: api, image: x, ports: [{name: http, containerPort: 8080}]}]}
        status: {phase: Running, podIP: 10.244.1.11, podIPs: [{ip: 10.244.1.11}], hostIP: 10.0.0.11}
        """;

    /// <summary>A running pod of Deployment shop/aaa-debug with the Service's label but no port named http.</summary>
    private const string PodWithoutTheNamedPort = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: aaa-debug-5d8f-q2w3e
          namespace: shop
          labels: {app: api}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: aaa-debug-5d8f, uid: u3, controller: true}]
          creationTimestamp: "2026-01-01T00:00:00Z"
        spec: {nodeName: node-1, containers: [{name: d, image: x, ports: [{name: metrics, containerPort: 9090}]}]}
        status: {phase: Running, podIP: 10.244.1.10, podIPs: [{ip: 10.244.1.10}], hostIP: 10.0.0.11}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: aaa-debug-5d8f
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: aaa-debug, uid: u4, controller: true}]
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec: {containers: [{name: d, image: x, ports: [{name: metrics, containerPort: 9090}]}]}
        """;

    private static IReadOnlyList<JsonElement> Check(string extraPods, params string[] flows)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cluster.yaml"), Cluster + "\n---\n" + extraPods + "\n");
        File.WriteAllText(dir.File("flows.csv"), "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n" + string.Join('\n', flows) + "\n");
        var run = CliRun.Of("flows", "check", dir.File("flows.csv"), "--cluster", dir.File("cluster.yaml"), "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        return [.. output.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.Clone())];
    }

    private static string Line(JsonElement a) =>
        $"{a.GetProperty("detector").GetString()} {a.GetProperty("src").GetString()} > {a.GetProperty("dst").GetString()} "
        + $"{a.GetProperty("protocol").GetString()} [{string.Join(',', a.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()))}]";

    [Theory]
    [InlineData("finished-job")]
    [InlineData("no-named-port")]
    [InlineData("terminating")]
    public void A_cluster_ip_resolves_to_the_pods_that_serve_the_port_not_to_others_the_selector_matches(string other)
    {
        var alerts = Check(other switch { "finished-job" => FinishedJobPod, "terminating" => TerminatingPod, _ => PodWithoutTheNamedPort },
            $"2026-01-02T00:00:00Z,{Client},40000,{ApiService},80,TCP,100,FORWARDED",
            $"2026-01-02T00:00:05Z,{Other},40001,{ApiService},80,TCP,100,FORWARDED");

        // client's connection reaches api at 8080, which api-in admits; other's is the enforcement gap, at api's 8080.
        Assert.Equal(["policy-violation shop/other[Pod] > shop/api[StatefulSet] TCP [8080]"], alerts.Select(Line));
    }

    [Fact]
    public void Each_port_of_a_service_resolves_to_the_pods_that_serve_it()
    {
        // 9090 (metrics) is served by both workloads, the first by name answers it; 80 (http) by api only.
        var alerts = Check(PodWithoutTheNamedPort,
            $"2026-01-02T00:00:00Z,{Other},40000,{ApiService},9090,TCP,100,FORWARDED",
            $"2026-01-02T00:00:05Z,{Other},40001,{ApiService},80,TCP,100,FORWARDED");

        Assert.Equal([
            "policy-violation shop/other[Pod] > shop/aaa-debug[Deployment] TCP [9090]",
            "policy-violation shop/other[Pod] > shop/api[StatefulSet] TCP [8080]",
        ], alerts.Select(Line).Order(StringComparer.Ordinal));
    }
}
