using System.Net;
using Palisade.Net;

namespace Palisade.Core.Tests.Connectivity;

public sealed class IpRangeTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0-10.255.255.255")]
    [InlineData("10.1.2.3/8", "10.0.0.0-10.255.255.255")]
    [InlineData("0.0.0.0/0", "0.0.0.0-255.255.255.255")]
    [InlineData("49.50.3.130/32", "49.50.3.130-49.50.3.130")]
    [InlineData("2001:db8::/32", "2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("::/0", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void Cidrs_are_normalised(string cidr, string expected)
    {
        Assert.True(IpRange.TryParseCidr(cidr, out var range));
        Assert.Equal(expected, range.ToString());
    }

    [Theory]
    [InlineData("A")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("::/129")]
    [InlineData("10.0.0/8")]
    [InlineData("/8")]
    [InlineData("10.0.0.0/+8")]
    [InlineData("10.0.0.0/ 8")]
    [InlineData("[::1]/128")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("010.0.0.0/8")]
    public void Bad_cidrs_are_rejected(string cidr) => Assert.False(IpRange.TryParseCidr(cidr, out _));

    [Fact]
    public void Except_carves_holes_out_of_a_set()
    {
        IpRange.TryParseCidr("10.0.0.0/8", out var all);
        IpRange.TryParseCidr("10.1.0.0/16", out var hole);
        var set = IpSet.Of([all]).Except(IpSet.Of([hole]));
        Assert.Equal("10.0.0.0-10.0.255.255,10.2.0.0-10.255.255.255", set.ToString());
        Assert.True(set.Contains(IPAddress.Parse("10.0.0.1")));
        Assert.False(set.Contains(IPAddress.Parse("10.1.0.1")));
        Assert.False(set.Contains(IPAddress.Parse("::1")));
    }

    [Fact]
    public void Families_never_mix()
    {
        var set = IpSet.Of([IpRange.AllV4]);
        Assert.False(set.Contains(IpRange.AllV6));
        Assert.True(IpSet.Of([IpRange.AllV4, IpRange.AllV6]).Contains(IPAddress.Parse("2001:db8::1")));
    }
}
