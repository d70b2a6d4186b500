using System.Text.Json;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// `--cluster` as users give it (blind cluster-resolution review, 2026-12-02): a `kubectl get -o json` dump together with
/// the manifests they wrote, which declare the same Service and Pod again without what the API server assigned (the
/// cluster IP, the pod's status). Applying such a manifest over the live object leaves those fields as they are, so the
/// dump's cluster IP and pod addresses still resolve whichever file comes last. Also pinned: a node's public ExternalIP
/// and an unheld address of a pod range in public space are the cluster's own (no `internet-egress`), and an address
/// between one pod's deletion and the next holder's creation is an external peer.
/// Dump: node n1 (InternalIP 192.168.0.11, ExternalIP 34.1.1.11, podCIDR 11.0.1.0/24); pod web-5d4f8b7c9-abcde of
/// ReplicaSet web-5d4f8b7c9 of Deployment web (11.0.1.10, port http 8080) behind Service web-svc (10.96.0.10: 80 → http);
/// bare pod client (11.0.1.20); pod early (11.0.1.30, deleted at 10:00) and pod late (11.0.1.30, created at 11:00); Service
/// web-leader (10.96.0.11: 80 → 8080) without a selector, whose Endpoints (kept by an operator, as Patroni keeps its leader's)
/// list web's pod; Service default/kubernetes (10.96.0.1: 443 → 6443) whose Endpoints list n1, where the static pod
/// kube-apiserver-n1 (hostNetwork) runs.
/// </summary>
public sealed class ClusterInputMixTests
{
    private const string Dump = """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}, "spec": {"podCIDR": "11.0.1.0/24"},
           "status": {"addresses": [{"type": "InternalIP", "address": "192.168.0.11"}, {"type": "ExternalIP", "address": "34.1.1.11"}, {"type": "Hostname", "address": "n1"}]}},
          {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "web-5d4f8b7c9", "namespace": "shop",
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": "d1", "controller": true}]},
           "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"labels": {"app": "web"}},
             "spec": {"containers": [{"name": "c", "image": "x", "ports": [{"name": "http", "containerPort": 8080}]}]}}}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-5d4f8b7c9-abcde", "namespace": "shop", "labels": {"app": "web"},
            "creationTimestamp": "2026-11-30T00:00:00Z",
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d4f8b7c9", "uid": "r1", "controller": true}]},
           "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "x", "ports": [{"name": "http", "containerPort": 8080}]}]},
           "status": {"phase": "Running", "hostIP": "192.168.0.11", "podIP": "11.0.1.10", "podIPs": [{"ip": "11.0.1.10"}]}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "client", "namespace": "shop", "labels": {"run": "client"}, "creationTimestamp": "2026-11-30T00:00:00Z"},
           "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "x"}]},
           "status": {"phase": "Running", "hostIP": "192.168.0.11", "podIP": "11.0.1.20", "podIPs": [{"ip": "11.0.1.20"}]}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "early", "namespace": "shop", "creationTimestamp": "2026-11-30T00:00:00Z",
            "deletionTimestamp": "2026-12-01T10:00:00Z"},
           "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "x"}]},
           "status": {"phase": "Running", "hostIP": "192.168.0.11", "podIP": "11.0.1.30", "podIPs": [{"ip": "11.0.1.30"}]}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "late", "namespace": "shop", "creationTimestamp": "2026-12-01T11:00:00Z"},
           "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "x"}]},
           "status": {"phase": "Running", "hostIP": "192.168.0.11", "podIP": "11.0.1.30", "podIPs": [{"ip": "11.0.1.30"}]}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web-svc", "namespace": "shop"},
           "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"], "selector": {"app": "web"},
             "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}]}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web-leader", "namespace": "shop"},
           "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.11", "ports": [{"port": 80, "targetPort": 8080, "protocol": "TCP"}]}},
          {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "web-leader", "namespace": "shop"},
           "subsets": [{"addresses": [{"ip": "11.0.1.10"}], "ports": [{"port": 8080, "protocol": "TCP"}]}]},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "kube-apiserver-n1", "namespace": "kube-system", "creationTimestamp": "2026-11-30T00:00:00Z",
            "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": "n1", "uid": "n1", "controller": true}]},
           "spec": {"nodeName": "n1", "hostNetwork": true, "containers": [{"name": "c", "image": "x", "ports": [{"containerPort": 6443}]}]},
           "status": {"phase": "Running", "hostIP": "192.168.0.11", "podIP": "192.168.0.11", "podIPs": [{"ip": "192.168.0.11"}]}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "kubernetes", "namespace": "default"},
           "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.1", "ports": [{"name": "https", "port": 443, "targetPort": 6443, "protocol": "TCP"}]}},
          {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "kubernetes", "namespace": "default"},
           "subsets": [{"addresses": [{"ip": "192.168.0.11"}], "ports": [{"name": "https", "port": 6443, "protocol": "TCP"}]}]}
        ]}
        """;

    /// <summary>The same Service and bare Pod as their author wrote them: no cluster IP, no status.</summary>
    private const string Manifests = """
        apiVersion: v1
        kind: Service
        metadata: {name: web-svc, namespace: shop}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: client, namespace: shop, labels: {run: client}}
        spec: {containers: [{name: c, image: x}]}
        """;

    /// <summary>A write at 04:00 that the replay applies (a NetworkPolicy in another namespace): later flows are judged by a replayed state.</summary>
    private const string Audit = """
        {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"a1","stage":"ResponseComplete","verb":"create","user":{"username":"alice"},"objectRef":{"resource":"networkpolicies","namespace":"other","name":"np","apiGroup":"networking.k8s.io","apiVersion":"v1"},"responseStatus":{"code":201},"responseObject":{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"np","namespace":"other"},"spec":{"podSelector":{},"policyTypes":["Ingress"]}},"requestReceivedTimestamp":"2026-12-01T04:00:00.000000Z","stageTimestamp":"2026-12-01T04:00:00.000000Z"}
        """;

    private static IReadOnlyList<string> Check(bool manifestsLast, params string[] flows) => Check(manifestsLast, false, flows);

    private static IReadOnlyList<string> Check(bool manifestsLast, bool withAudit, params string[] flows)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("audit.json"), Audit + "\n");
        File.WriteAllText(dir.File("dump.json"), Dump);
        File.WriteAllText(dir.File("manifests.yaml"), Manifests);
        File.WriteAllText(dir.File("flows.csv"), "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n" + string.Join('\n', flows) + "\n");
        string[] cluster = manifestsLast ? [dir.File("dump.json"), dir.File("manifests.yaml")] : [dir.File("manifests.yaml"), dir.File("dump.json")];
        var run = CliRun.Of(["flows", "check", dir.File("flows.csv"), "--cluster", .. cluster, .. withAudit ? ["--audit", dir.File("audit.json")] : Array.Empty<string>(), "-o", "json"]);
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        return [.. output.RootElement.GetProperty("alerts").EnumerateArray().Select(Line)];
    }

    private static string Line(JsonElement a) =>
        $"{a.GetProperty("detector").GetString()} {a.GetProperty("src").GetString()} > {a.GetProperty("dst").GetString()} "
        + $"{a.GetProperty("protocol").GetString()} [{string.Join(',', a.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()))}]";

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void A_manifest_declaring_a_dumped_service_and_pod_again_keeps_their_assigned_addresses(bool manifestsLast, bool withAudit)
    {
        // With --audit, flows after a write are resolved in the state the log's replay builds from the objects' bodies.
        var alerts = Check(manifestsLast, withAudit,
            "2026-12-01T05:00:00Z,11.0.1.20,40000,10.96.0.10,80,TCP,100,DROPPED",
            "2026-12-01T05:00:01Z,11.0.1.20,40001,11.0.1.10,8080,TCP,100,DROPPED");

        // One connection before and after kube-proxy's DNAT: the client pod to web's workload at the target port.
        Assert.Equal(["denied-attempt shop/client[Pod] > shop/web[Deployment] TCP [8080]"], alerts);
    }

    [Fact]
    public void The_cluster_s_own_addresses_in_public_space_are_not_internet_egress()
    {
        var alerts = Check(false,
            "2026-12-01T05:00:00Z,11.0.1.20,40000,34.1.1.11,443,TCP,100,FORWARDED",
            "2026-12-01T05:00:01Z,11.0.1.20,40001,11.0.1.99,80,TCP,100,FORWARDED",
            "2026-12-01T05:00:02Z,11.0.1.20,40002,34.1.1.12,443,TCP,100,FORWARDED");

        // The node's ExternalIP is node/n1; 11.0.1.99 lies in n1's pod range although no pod holds it; 34.1.1.12 is the internet.
        Assert.Equal(["internet-egress shop/client[Pod] > 34.1.1.12 TCP [443]"], alerts);
    }

    [Fact]
    public void An_address_between_one_holder_s_deletion_and_the_next_holder_s_creation_is_an_external_peer()
    {
        var alerts = Check(false,
            "2026-12-01T05:00:00Z,11.0.1.30,40000,11.0.1.20,80,TCP,100,DROPPED",
            "2026-12-01T10:30:00Z,11.0.1.30,40001,11.0.1.20,80,TCP,100,DROPPED",
            "2026-12-01T12:00:00Z,11.0.1.30,40002,11.0.1.20,80,TCP,100,DROPPED");

        Assert.Equal([
            "denied-attempt 11.0.1.30 > shop/client[Pod] TCP [80]",
            "denied-attempt shop/early[Pod] > shop/client[Pod] TCP [80]",
            "denied-attempt shop/late[Pod] > shop/client[Pod] TCP [80]",
        ], alerts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_service_without_a_selector_resolves_to_the_pods_its_endpoints_list_but_not_to_a_node_s()
    {
        var alerts = Check(false,
            "2026-12-01T05:00:00Z,11.0.1.20,40000,10.96.0.11,80,TCP,100,DROPPED",
            "2026-12-01T05:00:01Z,11.0.1.20,40001,10.96.0.1,443,TCP,100,DROPPED");

        // The contract: a Service without pods, such as default/kubernetes, is named by its cluster IP; an endpoint at a
        // node's address is the node's, whatever static pod runs there.
        Assert.Equal([
            "control-plane-access shop/client[Pod] > 10.96.0.1 TCP [443]",
            "denied-attempt shop/client[Pod] > 10.96.0.1 TCP [443]",
            "denied-attempt shop/client[Pod] > shop/web[Deployment] TCP [8080]",
        ], alerts.Order(StringComparer.Ordinal));
    }
}
