using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Cilium's health checks as <c>hubble observe</c> shows them: each node's health endpoint (identity 4,
/// <c>reserved:health</c>) probes every other node's on TCP 4240 about once a minute. In a cluster of more than 20
/// nodes that is one source on one port across 20 destinations within 60 s: the agent's own traffic, not a scan.
/// </summary>
public sealed class CiliumHealthTests
{
    private static string Probe(int node, bool labelled)
    {
        var flow = JsonNode.Parse(Hubble(1 + node * 0.5, "10.244.0.77", $"10.244.{node}.77", 44000 + node, 4240))!;
        if (labelled)
        {
            flow["flow"]!["source"] = new JsonObject { ["identity"] = 4, ["labels"] = new JsonArray("reserved:health") };
            flow["flow"]!["destination"] = new JsonObject { ["labels"] = new JsonArray("reserved:health") };
        }
        return flow.ToJsonString();
    }

    [Fact]
    public void Health_probes_across_many_nodes_are_not_a_port_scan()
    {
        var alerts = Check(Enumerable.Range(1, 24).Select(n => Probe(n, labelled: true)));
        Assert.DoesNotContain(alerts, a => a.GetProperty("detector").GetString() == "port-scan");
    }

    [Fact]
    public void The_same_probes_from_an_unlabelled_address_are()
    {
        var alerts = Check(Enumerable.Range(1, 24).Select(n => Probe(n, labelled: false)));
        Assert.Contains(alerts, a => a.GetProperty("detector").GetString() == "port-scan");
    }
}
