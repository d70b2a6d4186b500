using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// GCP flow logs name a GKE pod's workload (<c>src_gke_details.pod.pod_workload</c>) with its type in GKE's spelling,
/// upper case (<c>DEPLOYMENT</c>, <c>STATEFUL_SET</c>). A pod the cluster dump does not have (rescheduled since, at an
/// address the dump does not know) is still that workload's, as the contract resolves by identity, not by address.
/// </summary>
public sealed class GkeWorkloadTests
{
    private static string Entry(string podName, string type) =>
        $$$$"""{"insertId":"{{{{podName}}}}","jsonPayload":{"reporter":"SRC","start_time":"2026-01-02T10:00:01Z","end_time":"2026-01-02T10:00:02Z","connection":{"src_ip":"10.244.1.99","dest_ip":"169.254.169.254","src_port":41000,"dest_port":80,"protocol":6},"src_gke_details":{"cluster":{"cluster_name":"prod","cluster_location":"us-central1"},"pod":{"pod_name":"{{{{podName}}}}","pod_namespace":"shop","pod_workload":{"workload_name":"web","workload_type":"{{{{type}}}}"}}},"bytes_sent":"300","packets_sent":"3"},"logName":"projects/p/logs/compute.googleapis.com%2Fvpc_flows","timestamp":"2026-01-02T10:00:10Z"}""";

    [Theory]
    [InlineData("DEPLOYMENT")]
    [InlineData("Deployment")]
    public void A_pod_the_dump_lacks_is_its_workloads_by_gkes_workload_type(string type)
    {
        var alert = Assert.Single(Check([Entry("web-abc12-zzzzz", type)]));
        Assert.Equal("metadata-access shop/web[Deployment] > 169.254.169.254 TCP", Key(alert));
    }

    [Fact]
    public void A_daemon_sets_pod_the_dump_lacks_is_its_daemon_sets_by_gkes_daemon_set_type()
    {
        const string agent = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: shop}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: agent, image: x}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: agent-aaaaa
              namespace: shop
              labels: {app: agent}
              ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: u9, controller: true}]
              creationTimestamp: "2026-01-01T00:00:00Z"
            spec: {nodeName: node-1, containers: [{name: agent, image: x}]}
            status: {phase: Running, podIP: 10.244.1.8, podIPs: [{ip: 10.244.1.8}], hostIP: 10.0.0.11}
            """;
        var entry = Entry("agent-zzzzz", "DAEMON_SET").Replace("\"workload_name\":\"web\"", "\"workload_name\":\"agent\"", StringComparison.Ordinal);
        var alert = Assert.Single(Check([entry], moreCluster: agent));
        Assert.Equal("metadata-access shop/agent[DaemonSet] > 169.254.169.254 TCP", Key(alert));
    }
}
