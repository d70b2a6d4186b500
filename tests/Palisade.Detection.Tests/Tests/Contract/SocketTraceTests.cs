using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Cilium's socket load balancer traces each <c>connect()</c> to a Service (Hubble <c>Type: SOCK</c>, pre-xlate-fwd TRACED
/// and post-xlate-fwd TRANSLATED, then the reverse translations with the ends swapped) without a source port: where a
/// connection was sent, not a packet of it. The connection's packets are recorded as flows of their own, so the
/// Detection contract's connections are counted once, and the reverse traces (from the Service to the client, no
/// destination port) are not connections from the server to the client.
/// </summary>
public sealed class SocketTraceTests
{
    private static string Sock(double seconds, string source, int? sourcePort, string destination, int? destinationPort, string verdict, string point)
    {
        var flow = JsonNode.Parse(Hubble(seconds, source, destination, 0, 0, verdict: verdict))!["flow"]!;
        var tcp = new JsonObject();
        if (sourcePort is { } s)
            tcp["source_port"] = s;
        if (destinationPort is { } d)
            tcp["destination_port"] = d;
        flow["l4"] = new JsonObject { ["TCP"] = tcp };
        flow["Type"] = "SOCK";
        flow["sock_xlate_point"] = point;
        flow["socket_cookie"] = "12345";
        flow.AsObject().Remove("is_reply");
        return new JsonObject { ["flow"] = flow.DeepClone(), ["node_name"] = "node-1", ["time"] = flow["time"]!.DeepClone() }.ToJsonString();
    }

    [Fact]
    public void Socket_translation_traces_are_not_connections()
    {
        var alerts = Check([
            Sock(1, Web, null, DbService, 5432, "TRACED", "SOCK_XLATE_POINT_PRE_DIRECTION_FWD"),
            Sock(1, Web, null, Db, 5432, "TRANSLATED", "SOCK_XLATE_POINT_POST_DIRECTION_FWD"),
            Hubble(1.001, Web, Db, 41000, 5432),
            Sock(1.002, Db, 5432, Web, null, "TRACED", "SOCK_XLATE_POINT_PRE_DIRECTION_REV"),
            Sock(1.002, DbService, 5432, Web, null, "TRANSLATED", "SOCK_XLATE_POINT_POST_DIRECTION_REV"),
        ], baseline: [Hubble(-86400, Web, "169.254.169.254", 40000, 80)]);
        var alert = Assert.Single(alerts);
        Assert.Equal("new-connection shop/web[Deployment] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
    }
}
