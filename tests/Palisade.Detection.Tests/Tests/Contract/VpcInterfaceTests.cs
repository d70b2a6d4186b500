using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// AWS VPC flow logs as a real flow log writes them, where our generator does not: one connection between two pods is
/// logged at both interfaces (the client's: request egress, reply ingress; the server's: request ingress, reply
/// egress), the records of one capture window come in no particular order, <c>tcp-flags</c> is OR-ed over the window
/// (3 = SYN|FIN on a short request, 19 = SYN-ACK|FIN on its reply), and traffic to a pod's secondary address shows the
/// interface's primary address (the node's) in <c>dstaddr</c>, the pod in <c>pkt-dstaddr</c> (AWS, "Flow log
/// limitations"). The contract: replies are never counted, a VPC REJECT is a policy drop, an IP is the pod that held it.
/// shop/db admits only shop/web on TCP 5432; shop/web is not isolated.
/// </summary>
public sealed class VpcInterfaceTests
{
    private const string Header = "version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status flow-direction traffic-path";

    private const string Node1 = "10.0.0.11";

    /// <summary>A v5 record (the generator's custom field order) at 2026-01-02T10:00:00Z + <paramref name="start"/> s.</summary>
    internal static string V5(string eni, string src, string dst, int srcPort, int dstPort, int flags, string direction, string action = "ACCEPT",
        int start = 0, int end = 58, string? pktSrc = null, string? pktDst = null, int protocol = 6) =>
        string.Join(' ', "5", "vpc-0a1b2c3d", "subnet-0a1b2c3d", "i-" + eni[4..], eni, "123456789012", src.Contains(':') ? "IPv6" : "IPv4",
            src, dst, srcPort, dstPort, pktSrc ?? src, pktDst ?? dst, protocol, 840, 6, 1767348000 + start, 1767348000 + end, action, flags, "OK", direction, "-");

    private static readonly string[] Baseline = ["time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict", "2026-01-01T10:00:01Z,10.244.1.5,41000,10.244.1.7,5432,TCP,900,FORWARDED"];

    [Fact]
    public void A_connection_logged_at_both_interfaces_is_one_connection_and_its_replies_none_in_whatever_order()
    {
        // shop/db calls a gRPC server of shop/web on 50051 (undeclared, above 32768 like the client's port, so only the
        // flags and directions tell the reply). The server's interface lists its records first, reply first.
        var alerts = Check([
            Header,
            V5("eni-web", Web, Db, 50051, 45000, 19, "egress", start: 1),
            V5("eni-web", Db, Web, 45000, 50051, 3, "ingress", start: 1),
            V5("eni-db", Db, Web, 45000, 50051, 3, "egress"),
            V5("eni-db", Web, Db, 50051, 45000, 19, "ingress"),
        ], baseline: Baseline);
        var alert = Assert.Single(alerts);
        Assert.Equal("new-connection shop/db[Deployment] > shop/web[Deployment] TCP", Key(alert));
        Assert.Equal([50051], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_reply_listed_before_its_request_at_the_clients_interface_is_a_reply()
    {
        // Within one capture window the records of an interface are in no order: the SYN-ACK|FIN reply comes first.
        var alerts = Check([
            Header,
            V5("eni-db", Web, Db, 50051, 45000, 19, "ingress"),
            V5("eni-db", Db, Web, 45000, 50051, 3, "egress"),
        ], baseline: Baseline);
        Assert.Equal(["new-connection shop/db[Deployment] > shop/web[Deployment] TCP"], alerts.Select(Key));
    }

    [Fact]
    public void Flags_or_ed_over_every_packet_of_the_window_do_not_turn_requests_into_replies()
    {
        // A log that ORs every flag of each side's packets (not AWS's SYN, SYN-ACK, FIN, RST only) gives both sides SYN and
        // ACK: 27 adds PSH, which AWS never reports; 19 on a request to a port its destination serves (web's 8080) from a
        // client's port is the request's. The ports tell them apart, as when no flags are given.
        var alerts = Check([
            Header,
            V5("eni-web", Web, Db, 45000, 9000, 27, "egress"),
            V5("eni-web", Db, Web, 9000, 45000, 27, "ingress"),
            V5("eni-db", Db, Web, 46000, 8080, 19, "egress", start: 2),
            V5("eni-db", Web, Db, 8080, 46000, 19, "ingress", start: 2),
        ], baseline: Baseline);
        Assert.Equal(["new-connection shop/db[Deployment] > shop/web[Deployment] TCP", "new-connection shop/web[Deployment] > shop/db[Deployment] TCP",
            "policy-violation shop/web[Deployment] > shop/db[Deployment] TCP"], alerts.Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_request_rejected_on_arrival_at_the_servers_interface_is_a_denied_attempt_only()
    {
        // The client's interface lets the SYN out, the server's rejects it arriving (flow-direction ingress). Twice.
        var alerts = Check([
            Header,
            V5("eni-web", Web, Db, 41000, 9000, 2, "egress"),
            V5("eni-db", Web, Db, 41000, 9000, 2, "ingress", "REJECT"),
            V5("eni-db", Web, Db, 41001, 9000, 2, "ingress", "REJECT", start: 20),
            V5("eni-web", Web, Db, 41001, 9000, 2, "egress", start: 20),
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Traffic_to_a_pods_secondary_address_is_the_pods_by_its_packet_address()
    {
        // At db's node the request arrives for db's secondary address: dstaddr is the interface's primary (node-1's),
        // pkt-dstaddr is db. A second connection's request and reply are logged the same way (the reply with the node's
        // address in srcaddr, the pod in pkt-srcaddr, as an interface writes a source that is not one of its addresses).
        var alerts = Check([
            Header,
            V5("eni-node1", Web, Node1, 41000, 9000, 2, "ingress", pktDst: Db),
            V5("eni-node1", Db, Web, 9000, 41000, 18, "egress"),
            V5("eni-node1", Node1, Web, 9000, 41001, 18, "egress", start: 5, pktSrc: Db),
            V5("eni-node1", Web, Node1, 41001, 9000, 2, "ingress", start: 5, pktDst: Db),
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("policy-violation shop/web[Deployment] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_reply_rejected_by_a_stateless_acl_is_not_an_attempt()
    {
        // Network ACLs are stateless: the server's answer can be rejected on its way back. It answers web's request; it
        // is no connection from db, dropped or not, and the request it answers was delivered: to 5432 as the policy
        // allows, to 50051 against it.
        var alerts = Check([
            Header,
            V5("eni-web", Web, Db, 41000, 5432, 2, "egress"),
            V5("eni-web", Db, Web, 5432, 41000, 18, "ingress", "REJECT"),
            V5("eni-web", Db, Web, 50051, 45000, 19, "ingress", "REJECT", start: 3),
            V5("eni-web", Web, Db, 45000, 50051, 2, "egress", start: 3),
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("policy-violation shop/web[Deployment] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal([50051], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
    }

    [Fact]
    public void A_connection_through_a_nat_gateway_is_the_pods_one_connection_to_the_public_address()
    {
        // AWS's NAT gateway example: at the pod's interface the packet's own addresses; at the gateway's interface the
        // request arrives for the gateway's private address (the public one in pkt-dstaddr) and leaves from it; the
        // answer comes back the same way. One connection of db to the internet, nothing of the gateway's own.
        const string nat = "10.0.0.220";
        var alerts = Check([
            Header,
            V5("eni-db", Db, "203.0.113.7", 41000, 443, 3, "egress"),
            V5("eni-db", "203.0.113.7", Db, 443, 41000, 19, "ingress"),
            V5("eni-nat", Db, nat, 41000, 443, 3, "ingress", pktDst: "203.0.113.7"),
            V5("eni-nat", nat, "203.0.113.7", 61000, 443, 3, "egress"),
            V5("eni-nat", "203.0.113.7", nat, 443, 61000, 19, "ingress"),
            V5("eni-nat", nat, Db, 443, 41000, 19, "egress", pktSrc: "203.0.113.7"),
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("internet-egress shop/db[Deployment] > 203.0.113.7 TCP", Key(alert));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_ping_over_several_windows_listed_interface_by_interface_counts_once()
    {
        // A 5-minute delivery lists each interface's records together: web's three capture windows of its ping to db, then
        // db's three windows of the same ping. One exchange, whichever interface is listed first.
        string[] Windows(string eni, string direction, string reverse) =>
        [
            .. Enumerable.Range(0, 3).SelectMany(w => new[]
            {
                V5(eni, Web, Db, 0, 0, 0, direction, start: 60 * w, end: 60 * w + 58, protocol: 1),
                V5(eni, Db, Web, 0, 0, 0, reverse, start: 60 * w, end: 60 * w + 58, protocol: 1),
            }),
        ];
        var alerts = Check([Header, .. Windows("eni-web", "egress", "ingress"), .. Windows("eni-db", "ingress", "egress")]);
        var alert = Assert.Single(alerts);
        Assert.Equal("policy-violation shop/web[Deployment] > shop/db[Deployment] ICMP", Key(alert));
        Assert.Equal(1, alert.GetProperty("count").GetInt32());
        Assert.Equal(("2026-01-02T10:00:00Z", "2026-01-02T10:02:58Z"), (alert.GetProperty("first").GetString(), alert.GetProperty("last").GetString()));
    }
}
