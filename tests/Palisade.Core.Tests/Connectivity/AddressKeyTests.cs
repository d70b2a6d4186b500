using System.Net;
using System.Reflection;
using Palisade.Net;

namespace Palisade.Core.Tests.Connectivity;

public sealed class AddressKeyTests
{
    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("2001:db8::1")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("::")]
    public void A_key_gives_back_its_address_and_number(string text)
    {
        var address = IPAddress.Parse(text);
        var key = AddressKey.Of(address);
        Assert.Equal(address, key.ToAddress());
        Assert.Equal(IpRange.ToNumber(address), key.Value);
        Assert.Equal(key, new AddressKey(key.Value, key.IsV6));
    }

    [Fact]
    public void An_ipv4_mapped_address_is_keyed_as_the_ipv4_address()
    {
        Assert.Equal(AddressKey.Of(IPAddress.Parse("10.0.0.1")), AddressKey.Of(IPAddress.Parse("::ffff:10.0.0.1")));
    }

    [Fact]
    public void The_same_number_in_two_families_makes_two_keys()
    {
        var v4 = AddressKey.Of(IPAddress.Parse("10.0.0.1"));
        var v6 = AddressKey.Of(IPAddress.Parse("::a00:1"));
        Assert.Equal(v4.Value, v6.Value);
        Assert.NotEqual(v4, v6);
        Assert.Equal(2, new HashSet<AddressKey> { v4, v6 }.Count);
    }

    [Fact]
    public void A_key_holds_no_UInt128()
    {
        // ReadyToRun compiles no method holding a UInt128, so a key made of one sends every method that passes keys
        // (the flow check's whole hot path) to the JIT when the shipped executable first reaches it.
        var fields = typeof(AddressKey).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.NotEmpty(fields);
        Assert.DoesNotContain(fields, f => f.FieldType == typeof(UInt128));
    }
}
