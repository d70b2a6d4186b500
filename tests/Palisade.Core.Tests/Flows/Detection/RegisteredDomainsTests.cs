using Palisade.Flows.Dns;

namespace Palisade.Core.Tests.Flows.Detection;

public sealed class RegisteredDomainsTests
{
    [Theory]
    [InlineData("a.b.example.com", "example.com")]
    [InlineData("example.com", "example.com")]
    [InlineData("x1.data.attacker.co.uk", "attacker.co.uk")]
    [InlineData("co.uk", "co.uk")]
    [InlineData("deep.label.evil.example", "evil.example")]
    [InlineData("bucket.s3.amazonaws.com", "bucket.s3.amazonaws.com")]
    [InlineData("www.ck", "www.ck")]
    [InlineData("a.b.c.ck", "b.c.ck")]
    [InlineData("localhost", "localhost")]
    public void Registered_domain_is_the_public_suffix_plus_one_label(string name, string expected) =>
        Assert.Equal(expected, RegisteredDomains.Of(name));

    // The list writes internationalised rules in Unicode (公司.cn, 公司.香港); DNS carries them as A-labels (sixteenth flow
    // review: shop1.xn--55qx5d.cn was under xn--55qx5d.cn, so 50 companies' names there were one domain's).
    [Theory]
    [InlineData("shop1.xn--55qx5d.cn", "shop1.xn--55qx5d.cn")]
    [InlineData("a.shop1.xn--55qx5d.cn", "shop1.xn--55qx5d.cn")]
    [InlineData("a.shop1.xn--55qx5d.xn--j6w193g", "shop1.xn--55qx5d.xn--j6w193g")]
    [InlineData("a.evil.xn--fiqs8s", "evil.xn--fiqs8s")]
    public void Internationalised_rules_match_their_a_labels(string name, string expected) =>
        Assert.Equal(expected, RegisteredDomains.Of(name));
}
