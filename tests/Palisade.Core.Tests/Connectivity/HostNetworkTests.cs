using Palisade.Connectivity;
using Palisade.Core.Tests.Support;
using static Palisade.Core.Tests.Support.Build;

namespace Palisade.Core.Tests.Connectivity;

/// <summary>hostNetwork pods are not governed by pod policies and are seen as their node's address.</summary>
public sealed class HostNetworkTests
{
    private static TestCluster Cluster() => new TestCluster()
        .Pod("kube-system/agent", "app=agent", ips: "192.168.1.10", hostNetwork: true)
        .Pod("a/db", "app=db")
        .With(NetPol("kube-system/deny", ""), NetPol("a/db", "app=db", ingress: [From([Namespaces(""), Cidr("192.168.0.0/16")], "TCP 5432")]));

    [Fact]
    public void Policies_do_not_isolate_a_host_network_pod()
    {
        var c = Cluster();
        Assert.Equal("All Connections", c.Conns("a/db", "kube-system/agent"));
        Assert.Empty(c.Engine().PoliciesSelecting(c["kube-system/agent"], Palisade.Policy.PolicyDirection.Ingress));
    }

    [Fact]
    public void Selectors_do_not_match_a_host_network_pod_but_ipblocks_do()
    {
        var withIpBlock = Cluster();
        Assert.Equal("TCP 5432", withIpBlock.Conns("kube-system/agent", "a/db"));
        var selectorsOnly = new TestCluster()
            .Pod("kube-system/agent", "app=agent", ips: "192.168.1.10", hostNetwork: true)
            .Pod("a/db", "app=db")
            .With(NetPol("a/db", "app=db", ingress: [From([Namespaces("")])]));
        Assert.Equal("", selectorsOnly.Conns("kube-system/agent", "a/db"));
    }

    [Fact]
    public void In_np_guard_mode_host_network_pods_are_ordinary_pods()
    {
        var engine = new PolicyEngine(Cluster().Snapshot(), ConnectivityOptions.NpGuard);
        var agent = engine.Pods.Single(p => p.Pod.Name == "agent");
        var db = engine.Pods.Single(p => p.Pod.Name == "db");
        Assert.True(engine.Allowed(db, agent).IsEmpty);
        Assert.Equal("TCP 5432", engine.Allowed(agent, db).ToString());
    }
}
