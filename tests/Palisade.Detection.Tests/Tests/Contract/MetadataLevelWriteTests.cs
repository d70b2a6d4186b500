using System.Text.Json;
using Palisade.Testing;
using static Palisade.Testing.AuditLines;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Writes recorded without their bodies (a Metadata-level audit policy). A ReplicaSet the deployment controller scaled is
/// unknown, but its pods still belong to their Deployment: alerts name the pods as <c>connectivity</c> does,
/// <c>ns/name[Deployment]</c>, not by the ReplicaSet in between. A pod written so is unknown, and what a later change
/// opened to or from it is said to be unknown.
/// Cluster: namespace shop, Deployment web (ReplicaSet web-5d4, pod 10.244.1.5), pod db (10.244.1.7, port 5432) that
/// db-deny isolates.
/// </summary>
public sealed class MetadataLevelWriteTests
{
    private const string Cluster = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop, uid: d1}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: x}]}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: web-5d4, namespace: shop, uid: r1, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d1, controller: true}]}
        spec:
          selector: {matchLabels: {app: web, pod-template-hash: 5d4}}
          template:
            metadata: {labels: {app: web, pod-template-hash: 5d4}}
            spec: {containers: [{name: web, image: x}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-5d4-aaaaa, namespace: shop, labels: {app: web, pod-template-hash: 5d4}, creationTimestamp: "2024-04-01T00:00:00Z",
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4, uid: r1, controller: true}]}
        spec: {nodeName: node-1, containers: [{name: web, image: x}]}
        status: {phase: Running, podIP: 10.244.1.5, podIPs: [{ip: 10.244.1.5}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}, creationTimestamp: "2024-04-01T00:00:00Z"}
        spec: {nodeName: node-1, containers: [{name: db, image: x, ports: [{containerPort: 5432}]}]}
        status: {phase: Running, podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}], hostIP: 10.0.0.11}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-deny, namespace: shop}
        spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress]}
        """;

    private static readonly string AuditLog = Log(
        Event("update", "replicasets", "shop", "web-5d4", user: "system:serviceaccount:kube-system:deployment-controller", at: "03:00", level: "Metadata"),
        Event("patch", "networkpolicies", "shop", "db-deny", at: "03:01", request: """{"spec":{"ingress":[{}]}}""", level: "Request"));

    [Fact]
    public void What_a_change_opened_names_the_pods_of_a_replicaset_written_without_its_body_by_their_deployment()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cluster.yaml"), Cluster);
        File.WriteAllText(dir.File("audit.log"), AuditLog);
        var run = CliRun.Of("audit", dir.File("audit.log"), "--cluster", dir.File("cluster.yaml"), "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        var alert = Assert.Single(output.RootElement.GetProperty("alerts").EnumerateArray());
        Assert.Equal(
            ["0.0.0.0-255.255.255.255[External] => shop/db[Pod] : All Connections", "shop/web[Deployment] => shop/db[Pod] : All Connections"],
            alert.GetProperty("opened").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public void A_flow_from_a_pod_of_a_replicaset_written_without_its_body_is_its_deployments()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cluster.yaml"), Cluster);
        File.WriteAllText(dir.File("audit.log"), AuditLog);
        File.WriteAllText(dir.File("flows.csv"), $"time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n{Time("03:05")},10.244.1.5,40000,10.244.1.7,5432,TCP,100,FORWARDED\n");
        var run = CliRun.Of("flows", "check", dir.File("flows.csv"), "--cluster", dir.File("cluster.yaml"), "--audit", dir.File("audit.log"), "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        var alert = Assert.Single(output.RootElement.GetProperty("alerts").EnumerateArray());
        Assert.Equal("via-policy-change shop/web[Deployment]", $"{alert.GetProperty("detector").GetString()} {alert.GetProperty("src").GetString()}");
    }

    [Fact]
    public void What_a_change_opened_to_or_from_a_pod_written_without_its_body_is_said_to_be_unknown()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cluster.yaml"), Cluster);
        File.WriteAllText(dir.File("audit.log"), Log(
            Event("patch", "pods", "shop", "web-5d4-aaaaa", user: "alice", at: "03:00", level: "Metadata"),
            Event("patch", "networkpolicies", "shop", "db-deny", at: "03:01", request: """{"spec":{"ingress":[{}]}}""", level: "Request")));
        var run = CliRun.Of("audit", dir.File("audit.log"), "--cluster", dir.File("cluster.yaml"), "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        var alert = Assert.Single(output.RootElement.GetProperty("alerts").EnumerateArray());
        // Without its pod, Deployment web is its template, as in a cluster of manifests.
        Assert.Equal(
            ["0.0.0.0-255.255.255.255[External] => shop/db[Pod] : All Connections", "shop/web[Deployment] => shop/db[Pod] : All Connections"],
            alert.GetProperty("opened").EnumerateArray().Select(l => l.GetString()));
        Assert.Contains("what it opened to or from Pod shop/web-5d4-aaaaa is unknown", alert.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pods_of_a_replicaset_created_without_its_body_are_their_deployments()
    {
        // A rollout under a Metadata-level policy for replicasets: the new ReplicaSet web-7c9 is never known, its pod is.
        const string pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7c9-bbbbb","namespace":"shop","labels":{"app":"web","pod-template-hash":"7c9"},
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7c9","uid":"r2","controller":true}]},
             "spec":{"containers":[{"name":"web","image":"x"}]},"status":{"phase":"Running","podIP":"10.244.1.6","podIPs":[{"ip":"10.244.1.6"}]}}
            """;
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cluster.yaml"), Cluster);
        File.WriteAllText(dir.File("audit.log"), Log(
            Event("create", "replicasets", "shop", "web-7c9", user: "system:serviceaccount:kube-system:deployment-controller", at: "03:00", level: "Metadata", code: 201),
            Event("create", "pods", "shop", "web-7c9-bbbbb", user: "system:serviceaccount:kube-system:replicaset-controller", at: "03:00:01", request: pod, response: pod, code: 201),
            Event("delete", "pods", "shop", "web-5d4-aaaaa", user: "system:serviceaccount:kube-system:replicaset-controller", at: "03:00:02", level: "Metadata"),
            Event("patch", "networkpolicies", "shop", "db-deny", at: "03:01", request: """{"spec":{"ingress":[{}]}}""", level: "Request")));
        var run = CliRun.Of("audit", dir.File("audit.log"), "--cluster", dir.File("cluster.yaml"), "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        var alert = Assert.Single(output.RootElement.GetProperty("alerts").EnumerateArray());
        Assert.Equal(
            ["0.0.0.0-255.255.255.255[External] => shop/db[Pod] : All Connections", "shop/web[Deployment] => shop/db[Pod] : All Connections"],
            alert.GetProperty("opened").EnumerateArray().Select(l => l.GetString()));
    }
    [Fact]
    public void The_pods_of_a_job_created_without_its_body_by_a_cronjob_are_the_cronjobs()
    {
        // The CronJob controller names each run's Job <cronjob>-<scheduled time in minutes>; under a Metadata-level
        // policy for jobs that Job is never known, its pod is.
        const string cronJob = """
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: backup, namespace: shop, uid: c1}
            spec:
              schedule: "0 3 * * *"
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app: backup}}
                    spec: {restartPolicy: OnFailure, containers: [{name: backup, image: x}]}
            """;
        const string pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"backup-28575180-x7k2p","namespace":"shop","labels":{"app":"backup","batch.kubernetes.io/job-name":"backup-28575180"},
             "ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"backup-28575180","uid":"j2","controller":true}]},
             "spec":{"restartPolicy":"OnFailure","containers":[{"name":"backup","image":"x"}]},"status":{"phase":"Running","podIP":"10.244.1.9","podIPs":[{"ip":"10.244.1.9"}]}}
            """;
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cluster.yaml"), Cluster + "\n" + cronJob);
        File.WriteAllText(dir.File("audit.log"), Log(
            Event("create", "jobs", "shop", "backup-28575180", user: "system:serviceaccount:kube-system:cronjob-controller", at: "03:00", level: "Metadata", code: 201),
            Event("create", "pods", "shop", "backup-28575180-x7k2p", user: "system:serviceaccount:kube-system:job-controller", at: "03:00:01", request: pod, response: pod, code: 201),
            Event("patch", "networkpolicies", "shop", "db-deny", at: "03:01", request: """{"spec":{"ingress":[{}]}}""", level: "Request")));
        var run = CliRun.Of("audit", dir.File("audit.log"), "--cluster", dir.File("cluster.yaml"), "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        var alert = Assert.Single(output.RootElement.GetProperty("alerts").EnumerateArray());
        Assert.Equal(
            ["0.0.0.0-255.255.255.255[External] => shop/db[Pod] : All Connections", "shop/backup[CronJob] => shop/db[Pod] : All Connections",
             "shop/web[Deployment] => shop/db[Pod] : All Connections"],
            alert.GetProperty("opened").EnumerateArray().Select(l => l.GetString()));
    }
}
