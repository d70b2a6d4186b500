using Palisade.Net;

namespace Palisade.Core.Tests.Connectivity;

public sealed class PortSetTests
{
    [Fact]
    public void Union_merges_overlapping_and_adjacent_ranges()
    {
        var set = PortSet.Range(10, 20).Union(PortSet.Range(21, 30)).Union(PortSet.Single(5)).Union(PortSet.Range(15, 25));
        Assert.Equal("5,10-30", set.ToString());
    }

    [Fact]
    public void Intersect_keeps_only_common_ports()
    {
        var a = PortSet.Range(1, 100).Union(PortSet.Range(200, 300));
        var b = PortSet.Range(50, 250);
        Assert.Equal("50-100,200-250", a.Intersect(b).ToString());
    }

    [Fact]
    public void Complement_of_a_hole_gives_both_sides()
    {
        Assert.Equal("1-79,81-65535", PortSet.Single(80).Complement().ToString());
        Assert.True(PortSet.None.Complement().IsAll);
        Assert.True(PortSet.All.Complement().IsEmpty);
    }

    [Fact]
    public void Range_is_clipped_to_valid_ports()
    {
        Assert.True(PortSet.Range(0, 70000).IsAll);
        Assert.True(PortSet.Range(10, 9).IsEmpty);
    }

    [Fact]
    public void Equality_is_by_content()
    {
        Assert.Equal(PortSet.Range(1, 5), PortSet.Range(1, 3).Union(PortSet.Range(4, 5)));
        Assert.NotEqual(PortSet.Range(1, 5), PortSet.Range(1, 4));
    }
}
