using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// One connection seen at several points of its path, as <c>hubble observe</c> shows a connection between nodes: the
/// source node's event (traffic_direction EGRESS, to-overlay, FORWARDED: its egress policy let the packet out) and the
/// destination node's (INGRESS: delivered to the pod, or DROPPED by its ingress policy). The Detection contract counts
/// a policy drop as dropped by policy; a connection the destination's policy dropped was enforced, not an enforcement gap.
/// shop/db admits only shop/web on TCP 5432, so shop/web to db:9000 is denied.
/// </summary>
public sealed class ObservationPointTests
{
    private static string Seen(double seconds, int sourcePort, string direction, string point, string verdict = "FORWARDED",
        string source = Web, string destination = Db, int port = 9000)
    {
        var flow = System.Text.Json.Nodes.JsonNode.Parse(Hubble(seconds, source, destination, sourcePort, port, verdict: verdict,
            dropReason: verdict == "DROPPED" ? "POLICY_DENIED" : null))!;
        flow["flow"]!["traffic_direction"] = direction;
        if (point.Length > 0)
            flow["flow"]!["trace_observation_point"] = point;
        flow["flow"]!["l4"]!["TCP"]!["flags"] = new System.Text.Json.Nodes.JsonObject { ["SYN"] = true };
        return flow.ToJsonString();
    }

    private static string[] Detectors(IReadOnlyList<System.Text.Json.JsonElement> alerts) =>
        [.. alerts.Select(a => a.GetProperty("detector").GetString()!).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_connection_forwarded_by_the_source_node_and_dropped_by_the_destinations_policy_is_a_denied_attempt_only()
    {
        // Two connection attempts (a SYN and, from another socket, a second one), each seen leaving node-1 and dropped
        // by db's ingress policy on arrival.
        var alerts = Check([
            Seen(1, 41000, "EGRESS", "TO_OVERLAY"),
            Seen(1.0004, 41000, "INGRESS", "", "DROPPED"),
            Seen(2, 41001, "EGRESS", "TO_OVERLAY"),
            Seen(2.0004, 41001, "INGRESS", "", "DROPPED"),
        ]);
        var denied = Assert.Single(alerts);
        Assert.Equal("denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", Key(denied));
        Assert.Equal(2, denied.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Per_node_files_are_read_side_by_side_so_a_later_record_of_the_first_does_not_release_the_forward()
    {
        // node-1's file goes on for a minute after the forward; node-2's holds the drop. Read one after the other, the
        // forward would wait only until node-1's later record and count as a violation before the drop was read.
        var alerts = CheckFiles([
            [Seen(1, 41000, "EGRESS", "TO_OVERLAY"), Hubble(60, Web, DbService, 41010, 5432)],
            [Seen(1.0004, 41000, "INGRESS", "", "DROPPED")],
        ]);
        Assert.Equal(["denied-attempt"], Detectors(alerts));
    }

    [Fact]
    public void The_drop_may_be_listed_before_the_forward_when_the_nodes_clocks_differ()
    {
        var alerts = Check([
            Seen(1, 41000, "INGRESS", "", "DROPPED"),
            Seen(1.002, 41000, "EGRESS", "TO_OVERLAY"),
        ]);
        Assert.Equal(["denied-attempt"], Detectors(alerts));
    }

    [Fact]
    public void A_connection_delivered_against_the_policy_is_a_violation_seen_at_one_point_or_at_both()
    {
        // Only the source node's event (the destination node has no agent), then one seen at both ends: two connections.
        var alerts = Check([
            Seen(1, 41000, "EGRESS", "TO_OVERLAY"),
            Seen(30, 41001, "EGRESS", "TO_OVERLAY"),
            Seen(30.0004, 41001, "INGRESS", "TO_ENDPOINT"),
        ]);
        var violation = Assert.Single(alerts);
        Assert.Equal("policy-violation shop/web[Deployment] > shop/db[Deployment] TCP", Key(violation));
        Assert.Equal(2, violation.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_forward_the_destination_dropped_is_not_a_new_connection()
    {
        var alerts = Check([
            Seen(1, 41000, "EGRESS", "TO_OVERLAY"),
            Seen(1.0004, 41000, "INGRESS", "", "DROPPED"),
        ], baseline: [Hubble(-86400, Web, DbService, 40000, 5432)]);
        Assert.Equal(["denied-attempt"], Detectors(alerts));
    }

    [Theory]
    [InlineData("FORWARDED")]
    [InlineData("DROPPED")]
    public void Each_echo_request_seen_leaving_one_node_and_arriving_at_the_next_counts_once(string arrival)
    {
        // shop/report (on its Fargate node) pings db three times, a second apart: each request is seen leaving its node and
        // arriving at node-1 a millisecond later, delivered or dropped by db's policy there. ICMP has no ports, so each
        // request is a connection, but only once.
        string Echo(double seconds, string node, string direction)
        {
            var verdict = direction == "INGRESS" ? arrival : "FORWARDED";
            var line = System.Text.Json.Nodes.JsonNode.Parse(Hubble(seconds, "10.0.5.9", Db, 0, 0, verdict: verdict,
                dropReason: verdict == "DROPPED" ? "POLICY_DENIED" : null))!;
            line["flow"]!["l4"] = new System.Text.Json.Nodes.JsonObject { ["ICMPv4"] = new System.Text.Json.Nodes.JsonObject { ["type"] = 8 } };
            line["flow"]!["node_name"] = node;
            line["flow"]!["traffic_direction"] = direction;
            return line.ToJsonString();
        }
        var alerts = Check(Enumerable.Range(0, 3).SelectMany(i => new[]
        {
            Echo(1 + i, "fargate-ip-10-0-5-9", "EGRESS"),
            Echo(1.001 + i, "node-1", "INGRESS"),
        }));
        var alert = Assert.Single(alerts);
        Assert.Equal($"{(arrival == "DROPPED" ? "denied-attempt" : "policy-violation")} shop/report[Pod] > shop/db[Deployment] ICMP", Key(alert));
        Assert.Equal(3, alert.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_forward_the_policies_read_allow_that_the_destination_dropped_is_not_a_new_connection(bool dropListedFirst)
    {
        // The policies read admit web to db:5432, but a policy the dump lacks dropped it on arrival: the drop carries the
        // connection (a denied attempt), and nothing was delivered, so no new connection either.
        string[] seen = [Seen(1, 41000, "EGRESS", "TO_OVERLAY", port: 5432), Seen(1.0004, 41000, "INGRESS", "", "DROPPED", port: 5432)];
        var alerts = Check(dropListedFirst ? [seen[1], seen[0]] : seen, baseline: [Hubble(-86400, Db, Web, 40000, 8080)]);
        Assert.Equal(["denied-attempt"], Detectors(alerts));
    }

    [Fact]
    public void A_forward_the_policy_denies_at_the_end_of_the_learning_period_is_in_the_baseline()
    {
        // The last record of the baseline's flows waits for a drop that never comes: it was delivered, so it is learned.
        var alerts = Check([Hubble(1, Web, Db, 41000, 9000)], baseline: [Hubble(-86400, Web, Db, 40000, 9000)]);
        Assert.Equal(["policy-violation"], Detectors(alerts));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_connection_the_learning_period_saw_forwarded_at_one_point_and_dropped_by_policy_at_the_next_is_not_learned(bool dropListedFirst)
    {
        // The policy read allows web to db:5432, but the data plane dropped it on arrival (a policy the dump lacks): in the
        // learning period the edge was only ever denied, so the day checked delivering it is a new connection.
        string[] learned = [Seen(-86400, 40000, "EGRESS", "TO_OVERLAY", port: 5432), Seen(-86399.9996, 40000, "INGRESS", "", "DROPPED", port: 5432)];
        if (dropListedFirst)
            learned = [learned[1], learned[0]];
        var alerts = Check([Seen(1, 41000, "INGRESS", "", port: 5432)], baseline: learned);
        Assert.Equal(["new-connection"], Detectors(alerts));
    }

    [Fact]
    public void Vpc_logs_of_both_interfaces_accepted_by_the_client_and_rejected_by_the_server_are_a_denied_attempt()
    {
        // The client node's interface lets the packet out (ACCEPT), the server's security group rejects it on arrival.
        var alerts = Check([
            Scenarios.Formats.VpcWriter.V2Header,
            "2 123456789012 eni-client 10.244.1.5 10.244.1.7 41000 9000 6 2 120 1767348000 1767348060 ACCEPT OK",
            "2 123456789012 eni-server 10.244.1.5 10.244.1.7 41000 9000 6 2 120 1767348001 1767348060 REJECT OK",
        ]);
        var denied = Assert.Single(alerts);
        Assert.Equal("denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", Key(denied));
        Assert.Equal(1, denied.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_source_that_let_out_what_its_own_egress_policy_denies_is_an_enforcement_gap_whatever_came_next()
    {
        // shop/web may only reach shop/db on 5432: its node forwarding the connection to 9000 did not enforce its egress
        // policy, even though db's ingress policy then dropped it.
        const string egress = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-egress, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Egress]
              egress:
              - to: [{podSelector: {matchLabels: {app: db}}}]
                ports: [{port: 5432, protocol: TCP}]
            """;
        var alerts = Check([
            Seen(1, 41000, "EGRESS", "TO_OVERLAY"),
            Seen(1.0004, 41000, "INGRESS", "", "DROPPED"),
        ], moreCluster: egress);
        Assert.Equal(["denied-attempt", "policy-violation"], Detectors(alerts));
    }
}
