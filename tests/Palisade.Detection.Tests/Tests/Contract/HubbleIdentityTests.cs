using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// What Hubble's endpoint identities say about a flow's destination when the cluster given does not: the API server of a
/// managed control plane is an address outside the cluster's objects (a dump without Endpoints, <c>kubectl get all</c>),
/// which Cilium labels <c>reserved:kube-apiserver</c> (identity 7). Cilium's socket load balancer translates the
/// <c>kubernetes</c> Service's cluster IP before the packet exists, so the record shows that address, often without
/// <c>destination_service</c>.
/// </summary>
public sealed class HubbleIdentityTests
{
    private static string To(double seconds, string destination, int port, JsonObject endpoint)
    {
        var flow = JsonNode.Parse(Hubble(seconds, Web, destination, 41000 + (int)seconds, port))!;
        flow["flow"]!["destination"] = endpoint;
        return flow.ToJsonString();
    }

    [Fact]
    public void A_pod_reaching_the_address_hubble_names_kube_apiserver_is_control_plane_access()
    {
        var alerts = Check([
            To(1, "172.16.40.10", 443, new JsonObject { ["identity"] = 7, ["labels"] = new JsonArray("reserved:kube-apiserver") }),
            // Labels alone, as older agents wrote them when the number was elided.
            To(2, "172.16.40.11", 443, new JsonObject { ["labels"] = new JsonArray("reserved:kube-apiserver", "reserved:world") }),
            // An ordinary address of the VPC on the same port is not the API server.
            To(3, "172.16.40.12", 443, new JsonObject { ["identity"] = 2, ["labels"] = new JsonArray("reserved:world") }),
        ], withEndpoints: false);
        Assert.Equal(
            ["control-plane-access shop/web[Deployment] > 172.16.40.10 TCP", "control-plane-access shop/web[Deployment] > 172.16.40.11 TCP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_node_hosting_the_api_server_is_judged_by_its_port_not_by_its_identity()
    {
        // Self-managed control planes: the node's address carries the kube-apiserver label, but its SSH port is not the API server.
        var alerts = Check([To(1, "10.0.0.11", 22, new JsonObject { ["identity"] = 7, ["labels"] = new JsonArray("reserved:kube-apiserver", "reserved:remote-node") })]);
        Assert.Empty(alerts);
    }

    [Fact]
    public void A_probe_from_the_host_identity_is_from_the_node_hubble_relay_names_with_its_cluster()
    {
        // Cilium's default IPAM (cluster-pool) gives cilium_host an address outside the Node's podCIDR, so only the
        // observing node says whose it is; Hubble Relay names it cluster/node. Into shop/db (which admits only shop/web)
        // the kubelet's probe from db's own node is allowed.
        var probe = JsonNode.Parse(Hubble(1, "10.200.1.13", Db, 51000, 5432))!;
        probe["flow"]!["source"] = new JsonObject { ["identity"] = 1, ["labels"] = new JsonArray("reserved:host") };
        probe["flow"]!["node_name"] = "kind-kind/node-1";
        probe["node_name"] = "kind-kind/node-1";
        Assert.Empty(Check([probe.ToJsonString()]));
    }

    [Fact]
    public void A_pod_hubble_names_wins_over_a_holder_created_after_the_flow()
    {
        // The dump was taken later: its only pod at 10.244.1.9, shop/late, was created the day after the flow. Hubble names
        // the pod that held the address then, a replica of shop/web since replaced; the contract resolves an address to
        // the pod that held it at the record's time, which shop/late did not.
        const string late = """
            apiVersion: v1
            kind: Pod
            metadata: {name: late, namespace: shop, creationTimestamp: "2026-01-03T00:00:00Z"}
            spec: {nodeName: node-1, containers: [{name: late, image: x}]}
            status: {phase: Running, podIP: 10.244.1.9, podIPs: [{ip: 10.244.1.9}], hostIP: 10.0.0.11}
            """;
        var flow = JsonNode.Parse(Hubble(1, "10.244.1.9", "169.254.169.254", 41000, 80))!;
        flow["flow"]!["source"] = new JsonObject
        {
            ["identity"] = 31337, ["namespace"] = "shop", ["pod_name"] = "web-abc12-zzzzz",
            ["labels"] = new JsonArray("k8s:app=web"), ["workloads"] = new JsonArray(new JsonObject { ["name"] = "web", ["kind"] = "Deployment" }),
        };
        var alert = Assert.Single(Check([flow.ToJsonString()], moreCluster: late));
        Assert.Equal("metadata-access shop/web[Deployment] > 169.254.169.254 TCP", Key(alert));
    }

    [Fact]
    public void A_remote_nodes_router_address_outside_every_pod_cidr_is_the_node_whose_pods_share_its_range()
    {
        // Cilium's cluster-pool IPAM gives node-2 10.0.7.0/24, which its Node object does not say: its pod has 10.0.7.5,
        // and its cilium_host 10.0.7.1 reaches db (on node-1) as reserved:remote-node. db admits only shop/web: from a node
        // other than db's own, a policy-violation, named by the node.
        const string node2 = """
            apiVersion: v1
            kind: Node
            metadata: {name: node-2}
            status: {addresses: [{type: InternalIP, address: 10.0.0.12}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: tool, namespace: shop, creationTimestamp: "2026-01-01T00:00:00Z"}
            spec: {nodeName: node-2, containers: [{name: tool, image: x}]}
            status: {phase: Running, podIP: 10.0.7.5, podIPs: [{ip: 10.0.7.5}], hostIP: 10.0.0.12}
            """;
        var probe = JsonNode.Parse(Hubble(1, "10.0.7.1", Db, 51000, 5432))!;
        probe["flow"]!["source"] = new JsonObject { ["identity"] = 6, ["labels"] = new JsonArray("reserved:remote-node") };
        var alert = Assert.Single(Check([probe.ToJsonString()], moreCluster: node2));
        Assert.Equal("policy-violation node/node-2 > shop/db[Deployment] TCP", Key(alert));
    }

    [Fact]
    public void The_metadata_address_is_reached_whatever_identity_hubble_gives_it()
    {
        // Where the node answers the metadata address itself (a node-local metadata server), Cilium's ipcache marks it
        // reserved:host; the contract names the destination by its address all the same.
        var alerts = Check([
            To(1, "169.254.169.254", 80, new JsonObject { ["identity"] = 1, ["labels"] = new JsonArray("reserved:host") }),
            To(2, "169.254.169.254", 80, new JsonObject { ["identity"] = 6, ["labels"] = new JsonArray("reserved:remote-node") }),
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("metadata-access shop/web[Deployment] > 169.254.169.254 TCP", Key(alert));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
    }
}
