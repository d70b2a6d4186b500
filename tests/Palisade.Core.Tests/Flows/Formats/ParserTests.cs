using System.Net;
using System.Text;
using Palisade.Flows.Formats;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>The span parsers under the readers: RFC 3339 times, addresses, protocol names.</summary>
public sealed class ParserTests
{
    [Theory]
    [InlineData("2021-06-16T16:52:13.136834446Z", "2021-06-16T16:52:13.1368344+00:00")]
    [InlineData("2021-06-16t16:52:13z", "2021-06-16T16:52:13.0000000+00:00")]
    [InlineData("2021-06-16 16:52:13.5+05:30", "2021-06-16T16:52:13.5000000+05:30")]
    [InlineData("2024-02-29T23:59:60-01:00", "2024-02-29T23:59:59.0000000-01:00")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999+00:00")]
    public void RFC_3339_times(string text, string expected)
    {
        Assert.True(Rfc3339.TryParse(Encoding.ASCII.GetBytes(text), out var time));
        Assert.Equal(expected, time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2021-06-16")]
    [InlineData("2021-06-16T16:52:13")]
    [InlineData("2021-06-16T16:52:13.Z")]
    [InlineData("2021-02-29T00:00:00Z")]
    [InlineData("2021-13-01T00:00:00Z")]
    [InlineData("2021-06-16T24:00:00Z")]
    [InlineData("2021-06-16T16:52:13+5:30")]
    [InlineData("2021-06-16T16:52:13+15:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("2021-06-16T16:52:13Z trailing")]
    [InlineData("1623862333")]
    public void Not_RFC_3339(string text) => Assert.False(Rfc3339.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("2001:db8::8a2e:370:7334")]
    public void Addresses(string text) => Assert.Equal(IPAddress.Parse(text), AddressParser.Parse(Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("123")]
    [InlineData("10.1")]
    [InlineData("10.0.0.256")]
    [InlineData("10.0.0.1.5")]
    [InlineData("10..0.1")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("1000.0.0.1")]
    [InlineData(" 10.0.0.1")]
    [InlineData("fd00::1::2")]
    [InlineData("unknown")]
    public void Not_addresses(string text) => Assert.Null(AddressParser.Parse(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Cached_addresses_and_strings_are_shared_and_bounded()
    {
        var cache = new TextCache();
        Assert.Same(cache.Address("10.0.0.1"u8), cache.Address("10.0.0.1"u8));
        Assert.Same(cache.String("kube-system"u8), cache.String("kube-system"u8));
        Assert.Equal("", cache.String(""u8));
        var long1 = new string('a', 300);
        Assert.Equal(long1, cache.String(Encoding.ASCII.GetBytes(long1)));
        Assert.Null(cache.Address("not-an-address"u8));
    }
}
