using Palisade.Connectivity;
using Palisade.Core.Tests.Support;
using Palisade.Policy;
using static Palisade.Core.Tests.Support.Build;

namespace Palisade.Core.Tests.Connectivity;

/// <summary>ipBlock peers: external ranges, except, IPv6, pod IPs, and how external space is split.</summary>
public sealed class IpBlockTests
{
    private static TestCluster ClientEgressTo(params PolicyPeer[] peers) => new TestCluster()
        .Pod("a/client", "app=client")
        .Pod("a/inside", "app=inside", ips: "10.1.0.5")
        .Pod("a/outside", "app=outside", ips: "10.2.0.5")
        .With(NetPol("a/p", "app=client", egress: [To(peers)]));

    [Fact]
    public void Except_carves_out_of_the_cidr()
    {
        var c = ClientEgressTo(Cidr("10.0.0.0/8", "10.2.0.0/16"));
        Assert.Equal("All Connections", c.Conns(c["a/client"], c.ExternalTo("10.3.0.1")));
        Assert.Equal("", c.Conns(c["a/client"], c.ExternalTo("10.2.0.1")));
        Assert.Equal("", c.Conns(c["a/client"], c.ExternalTo("11.0.0.1")));
    }

    [Fact]
    public void External_space_is_split_where_ipblocks_differ()
    {
        var c = ClientEgressTo(Cidr("10.0.0.0/8", "10.2.0.0/16"));
        Assert.Equal(
            ["0.0.0.0-9.255.255.255", "10.0.0.0-10.1.255.255", "10.2.0.0-10.2.255.255", "10.3.0.0-10.255.255.255", "11.0.0.0-255.255.255.255"],
            c.Engine().ExternalDestinations.Select(e => e.Range.ToString()));
        Assert.Equal(["0.0.0.0-255.255.255.255"], c.Engine().ExternalSources.Select(e => e.Range.ToString()));
    }

    [Fact]
    public void Ipblocks_match_pod_ips_by_default()
    {
        var c = ClientEgressTo(Cidr("10.1.0.0/16"));
        Assert.Equal("All Connections", c.Conns("a/client", "a/inside"));
        Assert.Equal("", c.Conns("a/client", "a/outside"));
    }

    [Fact]
    public void Ipblocks_match_external_addresses_only_when_asked()
    {
        var c = ClientEgressTo(Cidr("10.1.0.0/16"));
        var engine = new PolicyEngine(c.Snapshot(), new ConnectivityOptions { IpBlockMatchesPodIps = false });
        Assert.True(engine.Allowed(engine.Pods[0], engine.Pods[1]).IsEmpty);
    }

    [Fact]
    public void Ipv6_blocks_split_the_ipv6_space()
    {
        var c = ClientEgressTo(Cidr("2001:db8::/32", "2001:db8:1::/48"));
        Assert.Equal("All Connections", c.Conns(c["a/client"], c.ExternalTo("2001:db8:2::1")));
        Assert.Equal("", c.Conns(c["a/client"], c.ExternalTo("2001:db8:1::1")));
        Assert.Equal("", c.Conns(c["a/client"], c.ExternalTo("2001:db9::1")));
        Assert.Equal("", c.Conns(c["a/client"], c.ExternalTo("10.0.0.1")));
    }

    [Theory]
    [InlineData("A", new string[0], "test.cidr")]
    [InlineData("10.0.0.0/8", new[] { "11.0.0.0/16" }, "test.except[0]")]
    [InlineData("10.0.0.0/8", new[] { "10.0.0.0/8" }, "test.except[0]")]
    [InlineData("10.0.0.0/8", new[] { "10.1.0.0/16", "bad" }, "test.except[1]")]
    [InlineData("10.0.0.0/8", new[] { "::/64" }, "test.except[0]")]
    public void Invalid_ipblocks_are_rejected(string cidr, string[] except, string field)
    {
        var e = Assert.Throws<InvalidFieldException>(() => IpBlockPeer.Create(cidr, except, "test"));
        Assert.Equal(field, e.Field);
    }
}
