using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Benign traffic every cluster carries, hand-written in each format, against the Detection contract (PRODUCT.md):
/// the answers to a request are replies ("never counted") whatever the protocol, and a drop is a policy drop
/// however the format spells the reason. shop/db is isolated for ingress (only shop/web on TCP 5432), so a reply
/// mistaken for a request into it would show as a policy-violation (or, without a verdict, a denied-attempt).
/// </summary>
public sealed class BenignTrafficTests
{
    private const string Egress = "internet-egress shop/db[Deployment] > 8.8.8.8 ICMP";

    [Fact]
    public void A_hubble_icmp_echo_reply_an_icmp_error_and_neighbour_discovery_are_not_connections_without_is_reply()
    {
        // proto3 JSON omits zeros: the echo reply (type 0) is written {}. Type 3 is a router's "unreachable" for a
        // packet db sent; neither opens anything.
        var alerts = Check([
            """{"flow":{"time":"2026-01-02T10:00:01Z","verdict":"FORWARDED","IP":{"source":"10.244.1.7","destination":"8.8.8.8","ipVersion":"IPv4"},"l4":{"ICMPv4":{"type":8}},"Type":"L3_L4"}}""",
            """{"flow":{"time":"2026-01-02T10:00:01.020Z","verdict":"FORWARDED","IP":{"source":"8.8.8.8","destination":"10.244.1.7","ipVersion":"IPv4"},"l4":{"ICMPv4":{}},"Type":"L3_L4"}}""",
            """{"flow":{"time":"2026-01-02T10:00:02Z","verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.244.1.7","ipVersion":"IPv4"},"l4":{"ICMPv4":{"type":3,"code":1}},"Type":"L3_L4"}}""",
            // IPv6 neighbour discovery: the router soliciting db's address is the link's housekeeping, not a connection.
            """{"flow":{"time":"2026-01-02T10:00:03Z","verdict":"FORWARDED","IP":{"source":"fe80::1","destination":"fd00:10:244::7","ipVersion":"IPv6"},"l4":{"ICMPv6":{"type":135}},"Type":"L3_L4"}}""",
        ]);
        Assert.Equal([Egress], alerts.Select(Key));
    }

    [Fact]
    public void An_icmp_echo_reply_in_vpc_logs_is_not_a_connection_into_the_pod()
    {
        // VPC logs have no ICMP type (ports are 0): the reply is the reverse of the request the interface just logged.
        var alerts = Check([
            "2 123456789012 eni-0a1b2c 10.244.1.7 8.8.8.8 0 0 1 4 336 1767348000 1767348060 ACCEPT OK",
            "2 123456789012 eni-0a1b2c 8.8.8.8 10.244.1.7 0 0 1 4 336 1767348000 1767348060 ACCEPT OK",
        ]);
        Assert.Equal([Egress], alerts.Select(Key));
    }

    [Fact]
    public void An_icmp_echo_reply_in_csv_is_not_a_connection_into_the_pod()
    {
        var alerts = Check([
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            "2026-01-02T10:00:01Z,10.244.1.7,0,8.8.8.8,0,ICMP,84,FORWARDED",
            "2026-01-02T10:00:01.030Z,8.8.8.8,0,10.244.1.7,0,1,84,FORWARDED",
        ]);
        Assert.Equal([Egress], alerts.Select(Key));
    }

    [Fact]
    public void An_icmp_echo_reply_in_gcp_logs_is_not_a_denied_attempt()
    {
        // No verdict: a reply read as a request into isolated db would be a denied-attempt.
        static string Entry(string reporter, string src, string dst) =>
            $$"""{"insertId":"{{reporter}}","jsonPayload":{"reporter":"{{reporter}}","start_time":"2026-01-02T10:00:00Z","end_time":"2026-01-02T10:00:05Z","connection":{"src_ip":"{{src}}","dest_ip":"{{dst}}","protocol":1},"bytes_sent":"336","packets_sent":"4"},"logName":"projects/p/logs/compute.googleapis.com%2Fvpc_flows","timestamp":"2026-01-02T10:00:10Z"}""";
        var alerts = Check([Entry("SRC", Db, "8.8.8.8"), Entry("DEST", "8.8.8.8", Db)]);
        Assert.Equal([Egress], alerts.Select(Key));
    }

    [Theory]
    [InlineData("Policy denied")]
    [InlineData("Policy denied by denylist")]
    [InlineData("Authentication required")]
    [InlineData("policy_denied")]
    public void A_policy_drop_reason_spelt_as_cilium_prints_it_is_a_denied_attempt(string reason)
    {
        var alerts = Check([
            $$$$"""{"flow":{"time":"2026-01-02T10:00:01Z","verdict":"DROPPED","drop_reason_desc":"{{{{reason}}}}","IP":{"source":"10.244.1.5","destination":"10.244.1.7"},"l4":{"TCP":{"source_port":41000,"destination_port":9001,"flags":{"SYN":true}}},"Type":"L3_L4"}}""",
            """{"flow":{"time":"2026-01-02T10:00:02Z","verdict":"DROPPED","drop_reason_desc":"Stale or unroutable IP","IP":{"source":"10.244.1.5","destination":"10.244.1.7"},"l4":{"TCP":{"source_port":41001,"destination_port":9002,"flags":{"SYN":true}}},"Type":"L3_L4"}}""",
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", Key(alert));
        Assert.Equal([9001], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
    }

    [Fact]
    public void A_probe_from_ciliums_host_address_is_from_the_node()
    {
        // Cilium's host endpoint talks to local pods from its router address (cilium_host, in the node's pod range),
        // which Hubble marks reserved:host; another node's arrives as reserved:remote-node. Both are node addresses:
        // node/NAME. Into shop/db, which admits only shop/web, the probe from db's own node is allowed (pods cannot block
        // access from their resident node), the other node's is a policy-violation.
        static string Probe(int second, string src, string identity, string dst, int port) =>
            "{\"flow\":{\"time\":\"2026-01-02T10:00:0" + second + "Z\",\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"" + src
            + "\",\"destination\":\"" + dst + "\",\"ipVersion\":\"IPv4\"},\"l4\":{\"TCP\":{\"source_port\":5100" + second + ",\"destination_port\":" + port
            + ",\"flags\":{\"SYN\":true}}},\"source\":{\"identity\":" + (identity == "host" ? 1 : 6) + ",\"labels\":[\"reserved:" + identity
            + "\"]},\"Type\":\"L3_L4\",\"node_name\":\"node-1\",\"is_reply\":false},\"node_name\":\"node-1\"}";
        var alerts = Check([
            Probe(1, "10.244.1.1", "host", Db, 5432),
            Probe(2, "10.244.1.1", "host", Web, 8080),
            Probe(3, "10.244.0.1", "remote-node", Db, 5432),
        ]);
        Assert.Equal(["policy-violation node/cp-1 > shop/db[Deployment] TCP"], alerts.Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_pod_calling_its_clusters_own_load_balancer_address_reaches_the_services_workload_not_the_internet()
    {
        // The load balancer's address and the externalIP are addresses a Service with pods owns: the cluster's own
        // Service addresses, so not public, and resolved like the cluster IP to shop/web at the target port.
        var alerts = Check([
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            "2026-01-02T10:00:01Z,10.244.1.7,41000,34.120.10.5,443,TCP,900,FORWARDED",
            "2026-01-02T10:00:02Z,10.244.1.7,41001,198.51.100.77,443,TCP,900,FORWARDED",
        ], baseline: [
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            "2026-01-01T10:00:01Z,10.244.1.5,41000,10.244.1.7,5432,TCP,900,FORWARDED",
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("new-connection shop/db[Deployment] > shop/web[Deployment] TCP", Key(alert));
        Assert.Equal([8080], alert.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Without_node_objects_the_pods_host_addresses_are_their_nodes()
    {
        // A dump of namespaced objects (kubectl get all) has no Nodes; every pod's status.hostIP is its node's address,
        // spec.nodeName its name. web's call to a kubelet names node/node-1 as with Nodes, and the kubelet's probe of db,
        // which runs on node-1, is its resident node's: allowed whatever db's policies.
        var alerts = Check([
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            "2026-01-02T10:00:01Z,10.0.0.11,51000,10.244.1.7,5432,TCP,60,FORWARDED",
            "2026-01-02T10:00:02Z,10.244.1.5,41000,10.0.0.11,10250,TCP,60,FORWARDED",
            // A pod that is its own node (EKS Fargate: hostIP = podIP) is still the pod.
            "2026-01-02T10:00:03Z,10.0.5.9,41000,169.254.169.254,80,TCP,60,FORWARDED",
        ], withNodes: false);
        Assert.Equal(["control-plane-access shop/web[Deployment] > node/node-1 TCP", "metadata-access shop/report[Pod] > 169.254.169.254 TCP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Search_path_expansions_under_the_cluster_and_cloud_private_domains_are_not_exfiltration()
    {
        // GKE's resolv.conf: ndots 5, search shop.svc.cluster.local svc.cluster.local cluster.local c.acme-prod.internal
        // google.internal. One pod resolving 50 distinct public names within 60 s (each under its own domain) asks 50
        // names under cluster.local and under each cloud suffix too; names under a private-use top-level domain never
        // reach an authoritative server outside, so they carry nothing out.
        string[] suffixes = ["shop.svc.cluster.local.", "svc.cluster.local.", "cluster.local.", "c.acme-prod.internal.", "google.internal.", ""];
        var lines = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            foreach (var suffix in suffixes)
                lines.Add(Hubble(i + lines.Count * 0.001, Web, "10.96.0.10", 50000 + i, 53, "UDP", l7: DnsQuery($"api.vendor{i}.com." + suffix)));
        }
        Assert.DoesNotContain(Check(lines), a => a.GetProperty("detector").GetString() == "dns-exfiltration");
    }

    [Fact]
    public void Search_path_expansions_under_azures_internal_domain_are_not_exfiltration()
    {
        // AKS's resolv.conf searches the node's Azure-provided suffix, GUID.xx.internal.cloudapp.net, which Azure's own
        // resolver answers: cloudapp.net is a public suffix, so every expansion falls under internal.cloudapp.net. A pod's
        // own app names under cloudapp.net (a public VM's name) are still each their own domain.
        string[] suffixes = ["shop.svc.cluster.local.", "svc.cluster.local.", "cluster.local.", "2mlbmcyfzcnexhoflhv4sdcdla.bx.internal.cloudapp.net.", ""];
        var lines = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            foreach (var suffix in suffixes)
                lines.Add(Hubble(i + lines.Count * 0.001, Web, "10.96.0.10", 50000 + i, 53, "UDP", l7: DnsQuery($"api.vendor{i}.com." + suffix)));
        }
        Assert.DoesNotContain(Check(lines), a => a.GetProperty("detector").GetString() == "dns-exfiltration");
    }

    [Fact]
    public void A_pod_talking_to_itself_breaks_no_policy()
    {
        // The Semantics: a pod's traffic to itself is not reported (no policy can block it). shop/db admits only shop/web,
        // yet db reaching its own address, or its own Service (one replica: the connection hairpins back), is allowed.
        var alerts = Check([
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            "2026-01-02T10:00:01Z,10.244.1.7,41000,10.244.1.7,5432,TCP,60,FORWARDED",
            "2026-01-02T10:00:02Z,10.244.1.7,41001,10.96.0.50,5432,TCP,60,FORWARDED",
            "2026-01-02T10:00:03Z,10.244.1.7,41002,10.244.1.7,9187,TCP,60,",
        ]);
        Assert.Empty(alerts);
    }

    [Fact]
    public void A_load_balancer_address_two_services_share_resolves_by_port()
    {
        // MetalLB's shared addresses: 34.120.10.5 is shop/web-public's on 443 and shop/db-public's on 5432.
        var alerts = Check([
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            "2026-01-02T10:00:01Z,10.244.1.7,41000,34.120.10.5,443,TCP,900,FORWARDED",
            "2026-01-02T10:00:02Z,10.244.1.5,41001,34.120.10.5,5432,TCP,900,FORWARDED",
        ], baseline: [
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            "2026-01-01T10:00:01Z,10.244.1.6,41000,169.254.169.254,80,TCP,900,FORWARDED",
        ]);
        Assert.Equal(["new-connection shop/db[Deployment] > shop/web[Deployment] TCP 8080", "new-connection shop/web[Deployment] > shop/db[Deployment] TCP 5432"],
            alerts.Select(a => Key(a) + " " + string.Join(',', a.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_pod_that_is_its_own_node_is_the_pod()
    {
        // EKS Fargate runs each pod on a node of its own whose InternalIP is the pod's IP. The contract resolves an IP
        // to the pod that held it first; the node is a hostNetwork pod's only (which shares the node's address).
        var alerts = Check([
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            "2026-01-02T10:00:03Z,10.0.5.9,41000,169.254.169.254,80,TCP,60,FORWARDED",
        ]);
        Assert.Equal(["metadata-access shop/report[Pod] > 169.254.169.254 TCP"], alerts.Select(Key));
    }

    [Fact]
    public void An_l7_request_the_proxy_dropped_without_a_reason_is_a_policy_drop()
    {
        // Cilium's L7 proxy drops only by policy (a toFQDNs rule refusing a name; an HTTP rule answering 403), and its
        // records carry no drop reason: "dns-request DROPPED". A dropped L3/L4 record without a reason is not a policy's.
        var alerts = Check([
            """{"flow":{"time":"2026-01-02T10:00:01Z","verdict":"DROPPED","IP":{"source":"10.244.1.5","destination":"10.244.1.7"},"l4":{"UDP":{"source_port":41000,"destination_port":53}},"Type":"L7","l7":{"type":"REQUEST","dns":{"query":"evil.example.com.","qtypes":["A"]}},"is_reply":false}}""",
            """{"flow":{"time":"2026-01-02T10:00:02Z","verdict":"DROPPED","IP":{"source":"10.244.1.5","destination":"10.244.1.7"},"l4":{"TCP":{"source_port":41001,"destination_port":9001,"flags":{"SYN":true}}},"Type":"L3_L4","is_reply":false}}""",
        ]);
        var alert = Assert.Single(alerts);
        Assert.Equal("denied-attempt shop/web[Deployment] > shop/db[Deployment] UDP", Key(alert));
    }

    [Fact]
    public void A_flow_hubble_says_was_addressed_to_the_kubernetes_service_is_api_server_access_without_its_endpoints()
    {
        // kubectl get all has no Endpoints; Cilium translates at the socket, so Hubble shows the managed API server's
        // endpoint (172.16.0.2) with destination_service default/kubernetes: one of "its Endpoints".
        var alerts = Check([
            """{"flow":{"time":"2026-01-02T10:00:01Z","verdict":"FORWARDED","IP":{"source":"10.244.1.5","destination":"172.16.0.2"},"l4":{"TCP":{"source_port":41000,"destination_port":443,"flags":{"SYN":true}}},"destination":{"identity":7,"labels":["reserved:kube-apiserver","reserved:world"]},"destination_service":{"name":"kubernetes","namespace":"default"},"Type":"L3_L4","is_reply":false}}""",
        ], withEndpoints: false);
        Assert.Equal(["control-plane-access shop/web[Deployment] > 172.16.0.2 TCP"], alerts.Select(Key));
    }
}
