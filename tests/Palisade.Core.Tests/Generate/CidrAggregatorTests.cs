using System.Net;
using Palisade.Generate.Building;
using Palisade.Net;

namespace Palisade.Core.Tests.Generate;

/// <summary>Addresses become the fewest exact CIDRs, and a /24 only when many of its addresses were seen.</summary>
public sealed class CidrAggregatorTests
{
    private static readonly HashSet<(Protocol, int)> Https = [(Protocol.Tcp, 443)];
    private static readonly HashSet<(Protocol, int)> Http = [(Protocol.Tcp, 80)];

    private static string[] Aggregate(int threshold, params (string Address, HashSet<(Protocol, int)> Ports)[] items) =>
        [.. CidrAggregator.Aggregate(items.ToDictionary(i => AddressKey.Of(IPAddress.Parse(i.Address)), i => i.Ports), threshold)
            .Select(b => $"{b.Cidr}{(b.Aggregated ? " aggregated" : "")} {string.Join(",", b.Ports.Select(p => p.Item2).Order())}")];

    [Fact]
    public void Addresses_with_the_same_ports_collapse_exactly()
    {
        Assert.Equal(["10.0.0.0/30 443", "10.0.1.11/32 443", "10.0.1.12/32 443", "10.0.2.1/32 80"],
            Aggregate(8, ("10.0.0.0", Https), ("10.0.0.1", Https), ("10.0.0.2", Https), ("10.0.0.3", Https), ("10.0.1.11", Https), ("10.0.1.12", Https), ("10.0.2.1", Http)));
    }

    [Fact]
    public void Enough_addresses_of_one_24_make_the_whole_24_with_every_port_seen()
    {
        var items = Enumerable.Range(1, 8).Select(i => ($"52.216.8.{i * 10}", i == 1 ? Http : Https)).ToArray();
        Assert.Equal(["52.216.8.0/24 aggregated 80,443"], Aggregate(8, items));
        Assert.Equal(8, Aggregate(9, items).Length);
    }

    [Fact]
    public void Ipv6_addresses_are_written_as_128s()
    {
        Assert.Equal(["2001:db8::5/128 443"], Aggregate(8, ("2001:db8::5", Https)));
    }
}
