namespace Palisade.Kubernetes.Tests.Mapping;

/// <summary>
/// The addresses of a node's tunnel, router and bridge devices that each CNI writes on the Node are the node's own
/// (<c>NodeInfo.InterfaceAddresses</c>): Calico's tunnel and BGP addresses, Cilium's cilium_host under both prefixes,
/// flannel's public address and, from the pod range, flannel.1 (VXLAN backend) and cni0.
/// </summary>
public sealed class NodeInterfaceAddressTests
{
    private static string[] InterfaceAddresses(string annotations, string spec = "{podCIDR: 10.244.3.0/24}")
    {
        var node = Assert.Single(Load.Cluster($$"""
            apiVersion: v1
            kind: Node
            metadata:
              name: n1
              annotations:
            {{annotations}}
            spec: {{spec}}
            status: {addresses: [{type: InternalIP, address: 172.18.0.2}]}
            """).Cluster.Network.Nodes);
        return [.. node.InterfaceAddresses.Select(a => a.ToString())];
    }

    [Fact]
    public void Calico_tunnel_wireguard_and_bgp_addresses()
    {
        Assert.Equal(["10.244.3.64", "fd00:10:244:3::40", "10.244.3.65", "10.244.3.66", "192.168.7.9"], InterfaceAddresses("""
                projectcalico.org/IPv4VXLANTunnelAddr: 10.244.3.64
                projectcalico.org/IPv6VXLANTunnelAddr: fd00:10:244:3::40
                projectcalico.org/IPv4IPIPTunnelAddr: 10.244.3.65
                projectcalico.org/IPv4WireguardInterfaceAddr: 10.244.3.66
                projectcalico.org/IPv4Address: 192.168.7.9/24
            """));
    }

    [Fact]
    public void Calico_bgp_address_equal_to_the_internal_ip_is_not_repeated()
    {
        Assert.Equal(["10.244.3.64"], InterfaceAddresses("""
                projectcalico.org/IPv4Address: 172.18.0.2/16
                projectcalico.org/IPv4IPIPTunnelAddr: 10.244.3.64
            """));
    }

    [Theory]
    [InlineData("network.cilium.io/ipv4-cilium-host")]
    [InlineData("io.cilium.network.ipv4-cilium-host")]
    public void Cilium_router_address_under_either_prefix(string annotation)
    {
        Assert.Equal(["10.244.3.195"], InterfaceAddresses($"""
                {annotation}: 10.244.3.195
                network.cilium.io/ipv4-health-ip: 10.244.3.15
                network.cilium.io/ipv4-pod-cidr: 10.244.3.0/24
            """));
    }

    [Fact]
    public void Flannel_vxlan_public_address_vtep_and_bridge()
    {
        Assert.Equal(["192.168.7.9", "10.244.3.0", "10.244.3.1"], InterfaceAddresses("""
                flannel.alpha.coreos.com/backend-type: vxlan
                flannel.alpha.coreos.com/backend-data: '{"VNI":1,"VtepMAC":"32:9c:aa:25:ca:bc"}'
                flannel.alpha.coreos.com/kube-subnet-manager: "true"
                flannel.alpha.coreos.com/public-ip: 192.168.7.9
            """));
    }

    [Fact]
    public void Flannel_host_gw_has_the_bridge_but_no_vxlan_device()
    {
        Assert.Equal(["10.244.3.1"], InterfaceAddresses("""
                flannel.alpha.coreos.com/backend-type: host-gw
                flannel.alpha.coreos.com/public-ip: 172.18.0.2
            """));
    }

    [Fact]
    public void Canal_has_flannels_vxlan_device_but_no_bridge()
    {
        Assert.Equal(["172.18.0.9", "10.244.3.0"], InterfaceAddresses("""
                flannel.alpha.coreos.com/backend-type: vxlan
                flannel.alpha.coreos.com/public-ip: 172.18.0.9
                projectcalico.org/kube-labels: '{}'
            """));
    }

    [Fact]
    public void A_value_that_is_no_address_and_a_node_without_annotations_give_none()
    {
        Assert.Empty(InterfaceAddresses("""
                projectcalico.org/IPv4VXLANTunnelAddr: not-an-address
                network.cilium.io/ipv4-cilium-host: 010.244.3.1
            """));
        var node = Assert.Single(Load.Cluster("apiVersion: v1\nkind: Node\nmetadata: {name: n2}\n").Cluster.Network.Nodes);
        Assert.Empty(node.InterfaceAddresses);
    }
}
