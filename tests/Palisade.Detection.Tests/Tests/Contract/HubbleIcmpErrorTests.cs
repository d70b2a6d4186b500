using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// ICMP error reports as Hubble writes them: Cilium's conntrack finds them related to a connection (CT_RELATED), not its
/// reply direction, so Hubble writes <c>is_reply: false</c> although they answer a packet their destination sent (a
/// router's time exceeded to a traceroute, a host's port unreachable to a UDP probe, a fragmentation-needed message).
/// The contract never counts replies; these are not connections from the router or host into the pod. shop/db admits
/// only shop/web on TCP 5432.
/// </summary>
public sealed class HubbleIcmpErrorTests
{
    private static string Icmp(double seconds, string source, string destination, string version, int type, int code)
    {
        var line = JsonNode.Parse(Hubble(seconds, source, destination, 0, 0))!;
        var flow = line["flow"]!;
        var message = new JsonObject { ["type"] = type };
        if (code != 0)
            message["code"] = code;
        flow["l4"] = new JsonObject { [version] = message };
        flow["traffic_direction"] = "INGRESS";
        flow["trace_observation_point"] = "TO_ENDPOINT";
        flow["Summary"] = $"{version} type {type} code {code}";
        return line.ToJsonString();
    }

    [Fact]
    public void Icmp_errors_marked_not_reply_are_answers_not_connections()
    {
        var alerts = Check([
            // db's traceroute: a UDP probe out, the router's time exceeded back.
            Hubble(1, Db, "203.0.113.9", 40000, 33434, "UDP"),
            Icmp(1.01, "198.51.100.1", Db, "ICMPv4", 11, 0),
            // A path MTU report from a router to db, over IPv6: packet too big.
            Icmp(2, "2001:db8::1", "fd00:10:244::7", "ICMPv6", 2, 0),
            // A host answering a probe of a closed UDP port: port unreachable.
            Icmp(3, "198.51.100.2", Db, "ICMPv4", 3, 3),
        ]);
        Assert.Equal(["internet-egress shop/db[Deployment] > 203.0.113.9 UDP"], alerts.Select(Key));
    }

    [Fact]
    public void An_echo_request_into_db_is_still_a_connection()
    {
        var alerts = Check([Icmp(1, "198.51.100.1", Db, "ICMPv4", 8, 0)]);
        Assert.Equal(["policy-violation 198.51.100.1 > shop/db[Deployment] ICMP"], alerts.Select(Key));
    }
}
