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
}
