using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// A hostNetwork pod's records at its node's address that name the pod (Hubble's <c>namespace</c> and <c>pod_name</c>):
/// the contract resolves an address to the pod that held it before the node, so the end is the pod, on either side,
/// except at the control-plane ports the contract names on a node's address. Its traffic into a pod of its own node is
/// still the node's as the data plane sees it (no policy can block it); from another node it is not.
/// </summary>
public sealed class HostNetworkPodTests
{
    private const string Node1 = "10.0.0.11";
    private const string ControlPlane = "10.0.0.10";

    // DaemonSet shop/agent (hostNetwork, declaring no port): agent-node1 on node-1, agent-cp1 on cp-1.
    private const string Agent = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: shop}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec: {hostNetwork: true, containers: [{name: agent, image: x}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: agent-node1
          namespace: shop
          labels: {app: agent}
          ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: d1, controller: true}]
          creationTimestamp: "2026-01-01T00:00:00Z"
        spec: {hostNetwork: true, nodeName: node-1, containers: [{name: agent, image: x}]}
        status: {phase: Running, podIP: 10.0.0.11, podIPs: [{ip: 10.0.0.11}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: agent-cp1
          namespace: shop
          labels: {app: agent}
          ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: d1, controller: true}]
          creationTimestamp: "2026-01-01T00:00:00Z"
        spec: {hostNetwork: true, nodeName: cp-1, containers: [{name: agent, image: x}]}
        status: {phase: Running, podIP: 10.0.0.10, podIPs: [{ip: 10.0.0.10}], hostIP: 10.0.0.10}
        """;

    private static readonly string[] Baseline = [Hubble(-86400, Web, Db, 40000, 5432)];

    private static JsonObject Named(string pod) =>
        new() { ["namespace"] = "shop", ["pod_name"] = pod, ["labels"] = new JsonArray("k8s:app=agent") };

    private static string From(double seconds, string source, string pod, string destination, int port)
    {
        var flow = JsonNode.Parse(Hubble(seconds, source, destination, 41000 + (int)(seconds * 10), port))!;
        flow["flow"]!["source"] = Named(pod);
        return flow.ToJsonString();
    }

    private static string To(double seconds, string destination, string pod, int port)
    {
        var flow = JsonNode.Parse(Hubble(seconds, Web, destination, 41000 + (int)(seconds * 10), port))!;
        flow["flow"]!["destination"] = Named(pod);
        return flow.ToJsonString();
    }

    private static string[] Keys(IReadOnlyList<System.Text.Json.JsonElement> alerts) => [.. alerts.Select(Key).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_record_naming_the_hostnetwork_pod_at_its_nodes_address_is_the_pods()
    {
        var alerts = Check([
            From(1, Node1, "agent-node1", "203.0.113.9", 443),
            From(2, Node1, "agent-node1", "169.254.169.254", 80),
        ], moreCluster: Agent);
        Assert.Equal([
            "internet-egress shop/agent[DaemonSet] > 203.0.113.9 TCP",
            "metadata-access shop/agent[DaemonSet] > 169.254.169.254 TCP",
        ], Keys(alerts));
    }

    [Fact]
    public void Into_a_pod_of_its_own_node_a_hostnetwork_pod_keeps_the_nodes_exemption_from_another_node_it_has_none()
    {
        // shop/db (on node-1) admits only shop/web: node-1's agent reaches it as node-1 does (the kubelet's probes, which no
        // policy can block); cp-1's agent is a node's address db's policy does not admit.
        var alerts = Check([
            From(1, Node1, "agent-node1", Db, 5432),
            From(2, ControlPlane, "agent-cp1", Db, 5432),
        ], moreCluster: Agent);
        Assert.Equal(["policy-violation shop/agent[DaemonSet] > shop/db[Deployment] TCP"], Keys(alerts));
    }

    [Fact]
    public void A_hostnetwork_pod_is_a_pod_to_the_control_plane()
    {
        // The API server (cp-1's 6443, its endpoint) and node-1's kubelet, from agents named by the record: pods, whatever
        // node they run on. The node itself talking to them is its job.
        var alerts = Check([
            From(1, Node1, "agent-node1", ControlPlane, 6443),
            From(2, ControlPlane, "agent-cp1", Node1, 10250),
            Hubble(3, Node1, ControlPlane, 41100, 6443),
        ], moreCluster: Agent);
        Assert.Equal([
            "control-plane-access shop/agent[DaemonSet] > node/cp-1 TCP",
            "control-plane-access shop/agent[DaemonSet] > node/node-1 TCP",
        ], Keys(alerts));
    }

    [Fact]
    public void A_record_naming_the_hostnetwork_pod_it_reaches_is_the_pods_except_at_a_control_plane_port()
    {
        // The agent declares no port: only the record's name tells it from the node. Its kubelet port stays the node's; a
        // name of a pod on another node, or of none, does not move the node's address.
        var alerts = Check([
            To(1, Node1, "agent-node1", 9999),
            To(2, Node1, "agent-node1", 10250),
            To(3, Node1, "agent-cp1", 7777),
            To(4, Node1, "agent-gone", 7778),
        ], baseline: Baseline, moreCluster: Agent);
        Assert.Equal([
            "control-plane-access shop/web[Deployment] > node/node-1 TCP",
            "new-connection shop/web[Deployment] > node/node-1 TCP",
            "new-connection shop/web[Deployment] > shop/agent[DaemonSet] TCP",
        ], Keys(alerts));
        Assert.Equal([9999], alerts.Single(a => a.GetProperty("dst").GetString() == "shop/agent[DaemonSet]").GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
    }
}
