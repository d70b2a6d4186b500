using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// An L7 response (Hubble <c>l7.type: RESPONSE</c>) is the reply half of its connection whatever <c>is_reply</c> says:
/// Cilium derives one from the other, and a record that contradicts it is a writer's slip, not a connection from the
/// server into its client. shop/db is isolated for ingress, so a DNS answer read as a request into it is a violation.
/// </summary>
public sealed class HubbleL7ReplyTests
{
    [Fact]
    public void A_dns_response_is_a_reply_even_when_is_reply_says_otherwise()
    {
        var answer = new JsonObject
        {
            ["type"] = "RESPONSE",
            ["dns"] = new JsonObject { ["query"] = "example.com.", ["ips"] = new JsonArray("93.184.215.14"), ["rcode"] = 0 },
        };
        var alerts = Check([
            Hubble(1, Db, "8.8.8.8", 50000, 53, "UDP", l7: DnsQuery("example.com.")),
            Hubble(1.01, "8.8.8.8", Db, 53, 50000, "UDP", l7: answer, reply: false),
        ]);
        Assert.Equal(["internet-egress shop/db[Deployment] > 8.8.8.8 UDP"], alerts.Select(Key));
    }
}
