using System.Net;

namespace Palisade.Kubernetes.Tests.Mapping;

/// <summary>What flow detection needs to name addresses: nodes, Service cluster IPs and endpoints, pods' nodes and lifetimes.</summary>
public sealed class AddressMappingTests
{
    private const string Manifests = """
        apiVersion: v1
        kind: Node
        metadata: {name: cp-1, labels: {node-role.kubernetes.io/control-plane: ""}}
        spec: {podCIDR: 10.244.0.0/24, podCIDRs: [10.244.0.0/24, "fd00:10:244::/64"]}
        status:
          addresses:
          - {type: InternalIP, address: 172.18.0.2}
          - {type: ExternalIP, address: 203.0.113.10}
          - {type: Hostname, address: cp-1}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: kubernetes, namespace: default}
        spec:
          clusterIP: 10.96.0.1
          clusterIPs: [10.96.0.1]
          ports: [{name: https, port: 443, targetPort: 6443}]
        ---
        apiVersion: v1
        kind: Endpoints
        metadata: {name: kubernetes, namespace: default}
        subsets:
        - addresses: [{ip: 172.18.0.2}]
          ports: [{name: https, port: 6443}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: {name: kubernetes-abc, namespace: default, labels: {kubernetes.io/service-name: kubernetes}}
        addressType: IPv4
        endpoints: [{addresses: [172.18.0.3]}]
        ports: [{name: https, port: 6443}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: headless, namespace: default}
        spec: {clusterIP: None, selector: {app: db}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: job-1, namespace: default, creationTimestamp: "2024-05-01T10:00:00Z"}
        spec: {nodeName: cp-1, containers: [{name: c, image: x}]}
        status: {phase: Succeeded, podIP: 10.244.0.7}
        """;

    [Fact]
    public void Nodes_carry_their_internal_and_external_addresses_and_pod_ranges()
    {
        var node = Assert.Single(Load.Cluster(Manifests).Cluster.Network.Nodes);
        Assert.Equal("cp-1", node.Name);
        Assert.Equal([IPAddress.Parse("172.18.0.2"), IPAddress.Parse("203.0.113.10")], node.Addresses);
        Assert.Equal(["10.244.0.0-10.244.0.255", "fd00:10:244::-fd00:10:244:0:ffff:ffff:ffff:ffff"], node.PodCidrs.Select(r => r.ToString()));
    }

    [Fact]
    public void Services_carry_their_cluster_ips_and_the_endpoints_of_every_endpoints_object_and_slice()
    {
        var services = Load.Cluster(Manifests).Cluster.Network.Services.ToDictionary(s => s.Name);
        Assert.Equal([IPAddress.Parse("10.96.0.1")], services["kubernetes"].ClusterIps);
        Assert.Equal(["172.18.0.2:6443", "172.18.0.3:6443"], services["kubernetes"].Endpoints.Select(e => e.ToString()).Order());
        Assert.Empty(services["headless"].ClusterIps);
        Assert.Empty(services["headless"].Endpoints);
    }

    [Fact]
    public void Pods_carry_their_node_creation_time_and_whether_they_finished()
    {
        var pod = Assert.Single(Load.Cluster(Manifests).Cluster.Network.Pods);
        Assert.Equal("cp-1", pod.NodeName);
        Assert.Equal(DateTimeOffset.Parse("2024-05-01T10:00:00Z"), pod.Created);
        Assert.True(pod.Terminated);
    }
}
