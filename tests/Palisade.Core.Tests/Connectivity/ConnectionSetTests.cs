using Palisade.Model;
using Palisade.Net;

namespace Palisade.Core.Tests.Connectivity;

public sealed class ConnectionSetTests
{
    [Fact]
    public void Everything_prints_as_all_connections()
    {
        var all = ConnectionSet.Of(Protocol.Tcp, PortSet.All).Union(ConnectionSet.Of(Protocol.Udp, PortSet.All)).Union(ConnectionSet.Of(Protocol.Sctp, PortSet.All));
        Assert.Equal("All Connections", all.ToString());
        Assert.True(all.IsAll);
    }

    [Fact]
    public void Protocols_print_sorted_by_name_with_full_ranges_spelled_out()
    {
        var set = ConnectionSet.Of(Protocol.Udp, PortSet.Single(53))
            .Union(ConnectionSet.Of(Protocol.Tcp, PortSet.Single(80).Complement()))
            .Union(ConnectionSet.Of(Protocol.Sctp, PortSet.All));
        Assert.Equal("SCTP 1-65535,TCP 1-79,81-65535,UDP 53", set.ToString());
    }

    [Fact]
    public void Intersection_is_per_protocol()
    {
        var a = ConnectionSet.Of(Protocol.Tcp, PortSet.Range(1, 100)).Union(ConnectionSet.Of(Protocol.Udp, PortSet.Single(53)));
        var b = ConnectionSet.Of(Protocol.Tcp, PortSet.Single(80)).Union(ConnectionSet.Of(Protocol.Sctp, PortSet.Single(53)));
        Assert.Equal("TCP 80", a.Intersect(b).ToString());
        Assert.True(ConnectionSet.Of(Protocol.Udp, PortSet.Single(1)).Intersect(ConnectionSet.Of(Protocol.Tcp, PortSet.Single(1))).IsEmpty);
    }

    [Fact]
    public void Except_removes_ports()
    {
        var set = ConnectionSet.All.Except(ConnectionSet.Of(Protocol.Tcp, PortSet.Single(22)));
        Assert.Equal("SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535", set.ToString());
        Assert.False(set.Contains(Protocol.Tcp, 22));
        Assert.True(set.Contains(Protocol.Udp, 22));
    }
}
