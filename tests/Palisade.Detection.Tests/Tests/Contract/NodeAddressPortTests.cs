using System.Text.Json;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// A node's address at a port a pod on that node serves. The contract resolves an IP to the pod that held it first, a
/// Service's cluster IP to its pods' workload and a node address to <c>node/NAME</c>: a hostNetwork pod holds its node's
/// address, so the port tells which of the two a record reached (one connection, seen before and after kube-proxy's
/// DNAT, has one name); and AWS VPC v2 logs a packet to a pod's secondary address with its interface's primary (the
/// node's) in <c>dstaddr</c>, so there too the port names the pod. The control-plane ports the contract names on a
/// node's address stay the node's.
/// </summary>
public sealed class NodeAddressPortTests
{
    private const string Node1 = "10.0.0.11";

    // node-exporter (hostNetwork, on node-1, port metrics 9100) behind Service shop/node-exporter 10.96.0.70:9100.
    private const string NodeExporter = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: node-exporter, namespace: shop}
        spec:
          selector: {matchLabels: {app: node-exporter}}
          template:
            metadata: {labels: {app: node-exporter}}
            spec: {hostNetwork: true, containers: [{name: ne, image: x, ports: [{name: metrics, containerPort: 9100}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: node-exporter-zzzzz
          namespace: shop
          labels: {app: node-exporter}
          ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: node-exporter, uid: d1, controller: true}]
          creationTimestamp: "2026-01-01T00:00:00Z"
        spec: {hostNetwork: true, nodeName: node-1, containers: [{name: ne, image: x, ports: [{name: metrics, containerPort: 9100}, {name: kubelet-ish, containerPort: 10250}]}]}
        status: {phase: Running, podIP: 10.0.0.11, podIPs: [{ip: 10.0.0.11}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: node-exporter, namespace: shop}
        spec:
          clusterIP: 10.96.0.70
          clusterIPs: [10.96.0.70]
          selector: {app: node-exporter}
          ports: [{name: metrics, port: 9100, targetPort: metrics, protocol: TCP}]
        """;

    private static readonly string[] Baseline = [Hubble(-86400, Web, Db, 40000, 5432)];

    private static JsonElement Only(IReadOnlyList<JsonElement> alerts) => Assert.Single(alerts);

    [Fact]
    public void A_hostnetwork_pod_reached_through_its_service_and_at_its_nodes_address_has_one_name()
    {
        // Prometheus-style scraping: one connection seen at the cluster IP and at the backend (the node's address), and a
        // second connection straight to the backend, as Prometheus scrapes endpoints.
        var alerts = Check([
            Hubble(1, Web, "10.96.0.70", 41000, 9100),
            Hubble(1.001, Web, Node1, 41000, 9100),
            Hubble(2, Web, Node1, 41001, 9100),
        ], baseline: Baseline, moreCluster: NodeExporter);
        var alert = Only(alerts);
        Assert.Equal("new-connection shop/web[Deployment] > shop/node-exporter[DaemonSet] TCP", Key(alert));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
        Assert.Equal([9100], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
    }

    [Fact]
    public void A_nodes_address_at_a_port_no_pod_of_it_serves_or_at_a_control_plane_port_stays_the_node()
    {
        var alerts = Check([
            Hubble(1, Web, Node1, 41000, 22),
            Hubble(2, Web, Node1, 41001, 10250),
        ], baseline: Baseline, moreCluster: NodeExporter);
        Assert.Equal(
            ["control-plane-access shop/web[Deployment] > node/node-1 TCP", "new-connection shop/web[Deployment] > node/node-1 TCP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
        Assert.Equal([22, 10250], alerts.Single(a => a.GetProperty("detector").GetString() == "new-connection")
            .GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
    }

    [Fact]
    public void A_vpc_v2_record_at_the_servers_interface_names_the_pod_its_secondary_address_is()
    {
        // v2 writes the server interface's primary address (node-1's) in the request's dstaddr for db's secondary address;
        // the reply leaves from db's own (one of the interface's addresses), and the client's interface writes db's own.
        // Connections of web to db on 5432, which db's policy admits: nothing to report, and no connection to the node.
        var alerts = Check([
            Scenarios.Formats.VpcWriter.V2Header,
            $"2 123456789012 eni-web {Web} {Db} 41000 5432 6 10 840 1767348000 1767348058 ACCEPT OK",
            $"2 123456789012 eni-web {Db} {Web} 5432 41000 6 10 840 1767348000 1767348058 ACCEPT OK",
            $"2 123456789012 eni-node1 {Web} {Node1} 41000 5432 6 10 840 1767348000 1767348058 ACCEPT OK",
            $"2 123456789012 eni-node1 {Db} {Web} 5432 41000 6 10 840 1767348000 1767348058 ACCEPT OK",
            $"2 123456789012 eni-node1 {Web2} {Node1} 41000 5432 6 10 840 1767348060 1767348118 ACCEPT OK",
        ], baseline: [Hubble(-86400, Web, Db, 40000, 5432)]);
        Assert.Empty(alerts);
    }

    [Fact]
    public void A_vpc_v2_reject_at_the_servers_interface_on_a_port_the_pod_does_not_serve_is_the_pods()
    {
        // web tries db on 9999 (db declares only 5432, its policy admits only that): the client's interface lets it out
        // (ACCEPT, db's own address), the server's rejects it, writing node-1's primary address for db's secondary one.
        // One denied attempt of web on db, no enforcement gap and nothing of the node.
        var alerts = Check([
            Scenarios.Formats.VpcWriter.V2Header,
            $"2 123456789012 eni-web {Web} {Db} 41000 9999 6 3 180 1767348000 1767348058 ACCEPT OK",
            $"2 123456789012 eni-node1 {Web} {Node1} 41000 9999 6 3 180 1767348001 1767348059 REJECT OK",
        ]);
        var alert = Only(alerts);
        Assert.Equal("denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal([9999], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
    }
}
