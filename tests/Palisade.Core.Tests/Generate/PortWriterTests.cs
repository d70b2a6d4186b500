using Palisade.Core.Tests.Support;
using Palisade.Generate.Building;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Core.Tests.Generate;

/// <summary>Ports are written in the destination's words when it has one name for them, and merged into ranges only when exact.</summary>
public sealed class PortWriterTests
{
    private static Pod PodWith(string ports) => Build.Pod("a/p", "", ports);

    private static string Write(IReadOnlyList<Pod> destination, params (Protocol, int)[] ports) =>
        string.Join(", ", PortWriter.Write(ports, destination));

    [Fact]
    public void A_port_every_destination_pod_names_is_written_by_its_name()
    {
        Assert.Equal("TCP http, UDP 53", Write([PodWith("http:8080/TCP,dns:53/TCP"), PodWith("http:8080/TCP")], (Protocol.Tcp, 8080), (Protocol.Udp, 53)));
    }

    [Fact]
    public void A_name_some_pod_lacks_or_means_another_number_is_not_used()
    {
        Assert.Equal("TCP 8080", Write([PodWith("http:8080/TCP"), PodWith("9090")], (Protocol.Tcp, 8080)));
        Assert.Equal("TCP 8080", Write([PodWith("http:8080/TCP"), PodWith("http:8081/TCP,web:8080/TCP")], (Protocol.Tcp, 8080)));
        Assert.Equal("TCP 8080", Write([], (Protocol.Tcp, 8080)));
    }

    [Fact]
    public void Consecutive_numbers_merge_into_a_range_and_the_rest_stay_apart()
    {
        Assert.Equal("SCTP 7, TCP 8443-8445, TCP 9000", Write([], (Protocol.Tcp, 8444), (Protocol.Tcp, 9000), (Protocol.Tcp, 8443), (Protocol.Sctp, 7), (Protocol.Tcp, 8445)));
    }
}
