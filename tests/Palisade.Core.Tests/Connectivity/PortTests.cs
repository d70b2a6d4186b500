using Palisade.Core.Tests.Support;
using Palisade.Policy;
using static Palisade.Core.Tests.Support.Build;

namespace Palisade.Core.Tests.Connectivity;

/// <summary>What a rule's ports admit: protocols, ranges, named ports.</summary>
public sealed class PortTests
{
    private static TestCluster ServerAllowing(params string[] ports) =>
        new TestCluster()
            .Pod("a/client", "app=client", ports: "web:8080/TCP")
            .Pod("a/server", "app=server", ports: "http:8080/TCP,dns:53/UDP,dns-tcp:53/TCP,sig:9000/SCTP,metrics:9090")
            .With(NetPol("a/p", "app=server", ingress: [From([Pods("app=client")], ports)]));

    [Fact]
    public void Protocol_defaults_to_TCP() => Assert.Equal("TCP 80", ServerAllowing("80").Conns("a/client", "a/server"));

    [Fact]
    public void End_port_gives_an_inclusive_range() =>
        Assert.Equal("TCP 8000-8100", ServerAllowing("TCP 8000-8100").Conns("a/client", "a/server"));

    [Fact]
    public void A_protocol_without_port_means_every_port_of_it() =>
        Assert.Equal("UDP 1-65535", ServerAllowing("UDP").Conns("a/client", "a/server"));

    [Fact]
    public void Sctp_is_a_protocol_like_the_others() =>
        Assert.Equal("SCTP 9000,TCP 9000", ServerAllowing("SCTP 9000", "TCP 9000").Conns("a/client", "a/server"));

    [Fact]
    public void Named_ports_resolve_on_the_destination_by_name_and_protocol()
    {
        Assert.Equal("TCP 8080", ServerAllowing("TCP http").Conns("a/client", "a/server"));
        Assert.Equal("UDP 53", ServerAllowing("UDP dns").Conns("a/client", "a/server"));
        Assert.Equal("TCP 9090", ServerAllowing("TCP metrics").Conns("a/client", "a/server"));
    }

    [Fact]
    public void A_named_port_with_the_wrong_protocol_admits_nothing() =>
        Assert.Equal("", ServerAllowing("UDP http").Conns("a/client", "a/server"));

    [Fact]
    public void An_unresolved_named_port_admits_nothing_and_the_pod_stays_isolated()
    {
        var c = ServerAllowing("TCP nosuch");
        Assert.Equal("", c.Conns("a/client", "a/server"));
        Assert.Single(c.Engine().PoliciesSelecting(c["a/server"], PolicyDirection.Ingress));
    }

    [Fact]
    public void Egress_named_ports_resolve_on_the_destination_pod()
    {
        var c = new TestCluster()
            .Pod("a/client", "app=client", ports: "http:1111/TCP")
            .Pod("a/server", "app=server", ports: "http:8080/TCP")
            .With(NetPol("a/p", "app=client", egress: [To([], "TCP http")]));
        Assert.Equal("TCP 8080", c.Conns("a/client", "a/server"));
        Assert.Equal("", c.Conns(c["a/client"], c.ExternalTo("8.8.8.8")));
    }

    [Theory]
    [InlineData(null, null, 5, "endPort requires a numeric port")]
    [InlineData("TCP", 10, 1, "endPort 1 is below port 10")]
    [InlineData("TCP", 0, null, "port 0 is outside 1-65535")]
    [InlineData("TCP", 65536, null, "port 65536 is outside 1-65535")]
    [InlineData("TCP", 10, 70000, "endPort 70000 is outside 1-65535")]
    [InlineData("HTTP", 80, null, "unsupported protocol \"HTTP\" (want TCP, UDP or SCTP)")]
    [InlineData("tcp", 80, null, "unsupported protocol \"tcp\" (want TCP, UDP or SCTP)")]
    public void Invalid_numeric_ports_are_rejected(string? protocol, int? port, int? endPort, string message)
    {
        var e = Assert.Throws<InvalidFieldException>(() => PolicyPort.Create(protocol, port, null, endPort, "spec.ingress[0].ports[0]"));
        Assert.Equal(message, e.Message);
        Assert.StartsWith("spec.ingress[0].ports[0].", e.Field);
    }

    [Theory]
    [InlineData("http", 5, "spec.x.endPort")]
    [InlineData("Http", null, "spec.x.port")]
    [InlineData("a-very-long-port-name", null, "spec.x.port")]
    [InlineData("123", null, "spec.x.port")]
    public void Invalid_named_ports_are_rejected(string name, int? endPort, string field)
    {
        var e = Assert.Throws<InvalidFieldException>(() => PolicyPort.Create("TCP", null, name, endPort, "spec.x"));
        Assert.Equal(field, e.Field);
    }
}
