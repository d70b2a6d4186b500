namespace Palisade.Kubernetes.Tests.Mapping;

/// <summary>How pods and workload templates become reported workloads.</summary>
public sealed class WorkloadTests
{
    [Theory]
    [InlineData("apps/v1", "Deployment", "spec: {replicas: 3, template: {metadata: {labels: {app: x}}}}")]
    [InlineData("apps/v1", "StatefulSet", "spec: {template: {metadata: {labels: {app: x}}}}")]
    [InlineData("apps/v1", "DaemonSet", "spec: {template: {metadata: {labels: {app: x}}}}")]
    [InlineData("apps/v1", "ReplicaSet", "spec: {template: {metadata: {labels: {app: x}}}}")]
    [InlineData("v1", "ReplicationController", "spec: {template: {metadata: {labels: {app: x}}}}")]
    [InlineData("batch/v1", "Job", "spec: {template: {metadata: {labels: {app: x}}}}")]
    [InlineData("batch/v1", "CronJob", "spec: {jobTemplate: {spec: {template: {metadata: {labels: {app: x}}}}}}")]
    public void Templates_become_one_pod_of_the_workload(string apiVersion, string kind, string spec)
    {
        var snapshot = Load.Snapshot($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: w, namespace: ns, labels: {{not: used}}}}\n{spec}\n");
        var pod = Assert.Single(snapshot.Pods);
        Assert.Equal($"ns/w[{kind}]", pod.Owner.ToString());
        Assert.Equal("app=x", pod.Labels.ToString());
    }

    [Fact]
    public void Objects_without_namespace_go_to_default()
    {
        var snapshot = Load.Snapshot("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n");
        Assert.Equal("default", snapshot.Pods[0].Namespace);
        Assert.Contains("default", snapshot.Namespaces.Keys);
    }

    [Fact]
    public void Pods_are_attributed_to_their_top_owner_through_objects_present()
    {
        var snapshot = Load.Snapshot("""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-5d4f
              namespace: ns
              ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true, uid: u1}]
            spec: {template: {metadata: {labels: {app: web}}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-5d4f-abcde
              namespace: ns
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f, controller: true, uid: u2}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: api-77-xyz
              namespace: ns
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-77, controller: true, uid: u3}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: etcd-node1
              namespace: kube-system
              ownerReferences: [{apiVersion: v1, kind: Node, name: node1, controller: true, uid: u4}]
            """);
        Assert.Equal(["ns/web[Deployment]", "ns/api-77[ReplicaSet]", "kube-system/etcd-node1[Pod]"],
            snapshot.Pods.Select(p => p.Owner.ToString()));
    }

    [Fact]
    public void A_pod_whose_replicaset_or_job_is_absent_belongs_to_the_deployment_or_cronjob_present_that_made_it()
    {
        // A dump of Deployments, CronJobs and Pods without the ReplicaSets and Jobs between them: the pod template hash
        // ends the ReplicaSet's name, and a CronJob names its Jobs by the scheduled minute.
        var snapshot = Load.Snapshot("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: ns}
            spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}}}
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: backup, namespace: ns}
            spec: {schedule: "0 2 * * *", jobTemplate: {spec: {template: {metadata: {labels: {app: backup}}}}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-5d4f8-abcde
              namespace: ns
              labels: {app: web, pod-template-hash: 5d4f8}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f8, controller: true, uid: u1}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: backup-28571040-xyz
              namespace: ns
              labels: {app: backup}
              ownerReferences: [{apiVersion: batch/v1, kind: Job, name: backup-28571040, controller: true, uid: u2}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-77b9c-fghij
              namespace: ns
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-77b9c, controller: true, uid: u3}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-canary-2-pqrst
              namespace: ns
              labels: {app: web, pod-template-hash: 9f8d7}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-canary-2, controller: true, uid: u5}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: api-6c8d7-klmno
              namespace: ns
              labels: {app: api, pod-template-hash: 6c8d7}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-6c8d7, controller: true, uid: u4}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: backup-manual-uvwxy
              namespace: ns
              labels: {app: backup}
              ownerReferences: [{apiVersion: batch/v1, kind: Job, name: backup-manual, controller: true, uid: u6}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-canary-zzzzz
              namespace: ns
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-canary, controller: true, uid: u7}]
            """);

        // A hash label that does not end the name, or no Deployment of that name, tells no maker: the ReplicaSet stays. Nor
        // does a name whose last segment is no pod template hash (hand-made ReplicaSets) or no scheduled minute (a Job made
        // by hand from the CronJob, `kubectl create job --from=cronjob/backup backup-manual`, is not one of its runs).
        Assert.Equal(["ns/api-6c8d7[ReplicaSet]", "ns/backup-manual[Job]", "ns/backup[CronJob]", "ns/web-canary-2[ReplicaSet]", "ns/web-canary[ReplicaSet]", "ns/web[Deployment]", "ns/web[Deployment]"],
            snapshot.Pods.Select(p => p.Owner.ToString()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(snapshot.Pods, p => p.FromTemplate);
    }

    [Fact]
    public void Container_ports_and_pod_ips_are_kept()
    {
        var snapshot = Load.Snapshot("""
            apiVersion: v1
            kind: Pod
            metadata: {name: a}
            spec:
              containers:
              - name: c
                ports:
                - {name: http, containerPort: 8080}
                - {name: dns, containerPort: 53, protocol: UDP}
            status:
              podIP: 10.0.0.1
              podIPs: [{ip: 10.0.0.1}, {ip: "fd00::1"}]
            """);
        var pod = snapshot.Pods[0];
        Assert.Equal(["http 8080 Tcp", "dns 53 Udp"], pod.Ports.Select(p => $"{p.Name} {p.Port} {p.Protocol}"));
        Assert.Equal(["10.0.0.1", "fd00::1"], pod.Addresses.Select(a => a.ToString()));
    }

    [Fact]
    public void A_port_without_number_is_ignored_with_a_warning()
    {
        var loaded = Load.Cluster("""
            apiVersion: v1
            kind: Pod
            metadata: {name: a}
            spec:
              containers:
              - name: c
                ports:
                - {name: typo, containerport: 3535}
            """);
        Assert.Empty(loaded.Cluster.Network.Pods[0].Ports);
        Assert.Contains("containerPort: missing", Assert.Single(loaded.Warnings));
    }
}
