using Palisade.Core.Tests.Support;
using static Palisade.Core.Tests.Support.Build;
using static Palisade.Policy.PolicyDirection;

namespace Palisade.Core.Tests.Connectivity;

/// <summary>When a pod is isolated, and what an isolated pod with or without rules admits.</summary>
public sealed class IsolationTests
{
    private static TestCluster TwoPods() => new TestCluster().Pod("a/client", "app=client").Pod("a/server", "app=server");

    [Fact]
    public void Without_policies_everything_is_allowed()
    {
        var c = TwoPods();
        Assert.Equal("All Connections", c.Conns("a/client", "a/server"));
        Assert.Equal("All Connections", c.Conns(c["a/client"], c.ExternalTo("8.8.8.8")));
        Assert.Equal("All Connections", c.Conns(c.ExternalFrom("8.8.8.8"), c["a/server"]));
    }

    [Fact]
    public void Omitted_policy_types_isolate_ingress_always()
    {
        var c = TwoPods().With(NetPol("a/deny", "app=server"));
        Assert.Equal("", c.Conns("a/client", "a/server"));
        Assert.Equal("All Connections", c.Conns("a/server", "a/client"));
    }

    [Fact]
    public void Omitted_policy_types_isolate_egress_only_when_egress_rules_exist()
    {
        var c = TwoPods().Pod("a/server2", "app=server2").With(NetPol("a/p", "app=client", egress: [To([Pods("app=server")], "TCP 80")]));
        Assert.Equal("TCP 80", c.Conns("a/client", "a/server"));
        Assert.Equal("", c.Conns(c["a/client"], c.ExternalTo("1.1.1.1")));
        Assert.Equal("", c.Conns("a/server", "a/client"));
        Assert.Equal("All Connections", c.Conns("a/server", "a/server2"));
    }

    [Fact]
    public void Egress_only_policy_types_leave_ingress_open()
    {
        var c = TwoPods().With(NetPol("a/p", "app=server", [Egress]));
        Assert.Equal("All Connections", c.Conns("a/client", "a/server"));
        Assert.Equal("", c.Conns("a/server", "a/client"));
    }

    [Fact]
    public void Rules_of_a_direction_not_in_policy_types_are_ignored()
    {
        var c = TwoPods().With(NetPol("a/p", "app=client", [Ingress], egress: [To([Pods("app=server")], "TCP 80")]));
        Assert.Equal("All Connections", c.Conns("a/client", "a/server"));
    }

    [Fact]
    public void An_empty_rule_allows_everything()
    {
        var c = TwoPods().With(NetPol("a/p", "app=server", [Ingress], ingress: [From([])]));
        Assert.Equal("All Connections", c.Conns("a/client", "a/server"));
        Assert.Equal("All Connections", c.Conns(c.ExternalFrom("9.9.9.9"), c["a/server"]));
    }

    [Fact]
    public void A_rule_without_peers_matches_every_peer_on_its_ports()
    {
        var c = TwoPods().With(NetPol("a/p", "app=server", ingress: [From([], "TCP 443")]));
        Assert.Equal("TCP 443", c.Conns("a/client", "a/server"));
        Assert.Equal("TCP 443", c.Conns(c.ExternalFrom("9.9.9.9"), c["a/server"]));
    }

    [Fact]
    public void Policies_add_up_whatever_their_order()
    {
        var first = NetPol("a/web", "app=server", ingress: [From([Pods("app=client")], "TCP 80")]);
        var second = NetPol("a/tls", "app=server", ingress: [From([Pods("app=client")], "TCP 443")]);
        Assert.Equal("TCP 80,443", TwoPods().With(first, second).Conns("a/client", "a/server"));
        Assert.Equal("TCP 80,443", TwoPods().With(second, first).Conns("a/client", "a/server"));
    }

    [Fact]
    public void Both_sides_must_allow()
    {
        var c = TwoPods().With(
            NetPol("a/out", "app=client", egress: [To([Pods("app=server")], "TCP 80-90")]),
            NetPol("a/in", "app=server", ingress: [From([Pods("app=client")], "TCP 85-100")]));
        Assert.Equal("TCP 85-90", c.Conns("a/client", "a/server"));
    }

    [Fact]
    public void A_policy_selects_only_pods_of_its_own_namespace()
    {
        var c = new TestCluster().Pod("a/x", "app=x").Pod("b/x", "app=x").Pod("a/y", "app=y").With(NetPol("a/deny", "app=x"));
        Assert.Equal("", c.Conns("a/y", "a/x"));
        Assert.Equal("All Connections", c.Conns("a/y", "b/x"));
    }
}
