using Palisade.Flows;
using Palisade.Generate;
using Palisade.Policy;
using static Palisade.Core.Tests.Generate.GenCluster;

namespace Palisade.Core.Tests.Generate;

/// <summary>
/// What becomes a rule and what is left out: replies and denied attempts are not traffic, flagged flows are listed,
/// unresolvable flows are listed and never rules, and every generated policy admits the traffic it came from.
/// </summary>
public sealed class GenerateSessionTests
{
    private static GenCluster Shop() => new GenCluster()
        .Namespace("web").Namespace("db").Namespace("kube-system")
        .Node("node-1", "172.18.0.2", "10.244.0.0/16")
        .Workload("web/frontend", "app=frontend", "http:8080/TCP", "10.244.0.10", "10.244.0.12")
        .Workload("web/api", "app=api", "grpc:9000/TCP", "10.244.0.11")
        .Owned("db/postgres", "StatefulSet", "app=postgres", "pg:5432/TCP", false, "10.244.1.20")
        .Workload("kube-system/coredns", "k8s-app=kube-dns", "dns:53/UDP,dns-tcp:53/TCP", "10.244.2.2")
        .Service("kube-system/kube-dns", "k8s-app=kube-dns", "10.96.0.10", "dns:53/UDP>53", "dns-tcp:53/TCP>53")
        .Service("db/postgres", "app=postgres", "10.96.0.50", "pg:5432>5432");

    private static string Rules(GenerateResult result, string policy, PolicyDirection direction) =>
        string.Join(" | ", result.Set.Policies.Single(p => p.Policy.Name == policy).Policy.Rules(direction)
            .Select(r => $"{string.Join(" ", r.Peers)} {string.Join(",", r.Ports)}".Trim()));

    [Fact]
    public void Delivered_requests_become_rules_on_both_sides_and_the_proof_holds()
    {
        var result = Shop().Generate(
        [
            Flow(1, "10.244.0.10", 40001, "10.244.0.11", 9000),
            Flow(2, "10.244.0.11", 40002, "10.96.0.50", 5432),
            Flow(2.1, "10.96.0.50", 5432, "10.244.0.11", 40002, reply: true),
        ]);
        Assert.Equal(
            "podSelector app=api TCP grpc | namespaceSelector kubernetes.io/metadata.name=kube-system and podSelector k8s-app=kube-dns TCP 53,UDP 53",
            Rules(result, "palisade-frontend", PolicyDirection.Egress));
        Assert.Equal("podSelector app=frontend TCP grpc", Rules(result, "palisade-api", PolicyDirection.Ingress));
        Assert.Equal("namespaceSelector kubernetes.io/metadata.name=web and podSelector app=api TCP pg", Rules(result, "palisade-postgres", PolicyDirection.Ingress));
        Assert.True(result.Proof.Holds);
        Assert.Equal(2, result.Proof.EdgesReplayed);
    }

    [Theory]
    [InlineData("app.kubernetes.io/name=coredns,app.kubernetes.io/instance=dns", "app.kubernetes.io/name=coredns")]
    [InlineData("k8s-app=coredns", "k8s-app=coredns")]
    public void Dns_egress_selects_the_labels_the_cluster_s_DNS_pods_carry(string podLabels, string selector)
    {
        var result = new GenCluster()
            .Namespace("web").Namespace("kube-system")
            .Node("node-1", "172.18.0.2", "10.244.0.0/16")
            .Workload("web/frontend", "app=frontend", "http:8080/TCP", "10.244.0.10")
            .Workload("web/api", "app=api", "grpc:9000/TCP", "10.244.0.11")
            .Workload("kube-system/dns", podLabels, "dns:53/UDP,dns-tcp:53/TCP", "10.244.2.2")
            .Service("kube-system/kube-dns", selector, "10.96.0.10", "dns:53/UDP>53", "dns-tcp:53/TCP>53")
            .Generate([Flow(1, "10.244.0.10", 40001, "10.244.0.11", 9000)]);
        Assert.Equal(
            $"podSelector app=api TCP grpc | namespaceSelector kubernetes.io/metadata.name=kube-system and podSelector {selector} TCP 53,UDP 53",
            Rules(result, "palisade-frontend", PolicyDirection.Egress));
        Assert.True(result.Proof.Holds);
    }

    [Fact]
    public void Probes_from_the_pod_s_own_node_need_no_rule_and_other_nodes_do()
    {
        var result = Shop()
            .Node("node-2", "172.18.0.3", "10.245.0.0/16")
            .Scheduled("web/api-0", "node-1")
            .Generate(
            [
                Flow(1, "172.18.0.2", 50001, "10.244.0.11", 9000),
                Flow(2, "172.18.0.3", 50002, "10.244.0.11", 9000),
            ]);
        Assert.Equal("ipBlock 172.18.0.3/32 TCP grpc", Rules(result, "palisade-api", PolicyDirection.Ingress));
        Assert.Equal(1, result.Traffic.FromResidentNode);
        Assert.True(result.Proof.Holds);
    }

    [Fact]
    public void Denied_attempts_are_not_traffic_to_allow()
    {
        var result = Shop().Generate([Flow(1, "10.244.0.10", 40001, "10.244.1.20", 5432, verdict: FlowVerdict.Dropped)]);
        Assert.Empty(result.Edges);
        Assert.Equal(1, result.Traffic.NotDelivered);
        Assert.Equal("", Rules(result, "palisade-postgres", PolicyDirection.Ingress));
    }

    [Fact]
    public void A_scan_is_left_out_with_the_probes_before_it_crossed_the_threshold_but_earlier_traffic_stays()
    {
        var flows = new List<FlowRecord> { Flow(0, "10.244.0.10", 40000, "10.244.0.11", 9000) };
        for (var i = 0; i < 25; i++)
            flows.Add(Flow(100 + i * 0.5, "10.244.0.10", 41000 + i, "10.244.0.11", 8990 + i));
        var result = Shop().Generate(flows);
        Assert.Equal("podSelector app=api TCP grpc", Rules(result, "palisade-frontend", PolicyDirection.Egress).Split(" | ")[0]);
        var scan = Assert.Single(result.LeftOut);
        Assert.Equal("port-scan", scan.Reason);
        Assert.Equal(24, scan.Ports.Count);
        Assert.DoesNotContain(9000, scan.Ports);
        Assert.Contains(result.Alerts, a => a.Detector == "port-scan");
    }

    [Fact]
    public void Metadata_access_is_left_out_unless_included()
    {
        FlowRecord[] flows = [Flow(1, "10.244.0.11", 40001, "169.254.169.254", 80)];
        var excluded = Shop().Generate(flows);
        Assert.Equal("metadata-access: web/api[Deployment] => 169.254.169.254 : TCP 80 (1 connection)", Assert.Single(excluded.LeftOut).ToString());
        Assert.DoesNotContain("169.254", Rules(excluded, "palisade-api", PolicyDirection.Egress), StringComparison.Ordinal);
        var included = Shop().Generate(flows, GenerateOptions.Default with { IncludeFlagged = ["metadata-access"] });
        Assert.Contains("ipBlock 169.254.169.254/32 TCP 80", Rules(included, "palisade-api", PolicyDirection.Egress), StringComparison.Ordinal);
    }

    [Fact]
    public void Control_plane_access_is_kept_only_when_routine()
    {
        var cluster = Shop().Service("default/kubernetes", "", "10.96.0.1", "https:443/TCP>6443");
        var watch = Enumerable.Range(0, 5).Select(i => Flow(i * 60, "10.244.2.2", 40000 + i, "10.96.0.1", 443));
        var probe = Flow(10, "10.244.0.11", 45000, "10.96.0.1", 443);
        var result = cluster.Generate([.. watch, probe]);
        Assert.Contains("ipBlock 10.96.0.1/32 TCP 443", Rules(result, "palisade-coredns", PolicyDirection.Egress), StringComparison.Ordinal);
        Assert.Equal("control-plane-access: web/api[Deployment] => 10.96.0.1 : TCP 443 (1 connection)", Assert.Single(result.LeftOut).ToString());
    }

    [Fact]
    public void Unresolvable_flows_are_listed_and_never_rules()
    {
        var result = Shop().Generate(
        [
            Flow(1, "not-an-address", 40001, "10.244.0.11", 9000),
            Flow(2, "10.244.0.10", 40002, "10.244.9.99", 9000),
            Flow(3, "10.244.0.10", 40003, "10.244.0.11", null, protocol: FlowProtocols.Icmp),
        ]);
        Assert.Equal(1, result.Traffic.Unresolvable);
        Assert.Equal("flows.json:2", result.Traffic.UnresolvableAt.Single().ToString());
        Assert.Equal(["not-expressible: web/frontend[Deployment] => web/api[Deployment] : ICMP (1 connection)",
            "unresolvable: web/frontend[Deployment] => 10.244.9.99 : TCP 9000 (1 connection)"], result.LeftOut.Select(l => l.ToString()));
        Assert.DoesNotContain("10.244.9.99", Rules(result, "palisade-frontend", PolicyDirection.Egress), StringComparison.Ordinal);
        Assert.DoesNotContain("ICMP", Rules(result, "palisade-api", PolicyDirection.Ingress), StringComparison.Ordinal);
    }

    [Fact]
    public void Internet_egress_follows_the_option()
    {
        var answer = new DnsInfo("api.stripe.com.") { IsResponse = true, Ips = ["203.0.113.7"] };
        FlowRecord[] flows =
        [
            Flow(0.5, "10.244.2.2", 53, "10.244.0.11", 40000, FlowProtocols.Udp, reply: true, dns: answer),
            Flow(1, "10.244.0.11", 40001, "203.0.113.7", 443),
        ];
        var cidr = Shop().Generate(flows);
        var rule = cidr.Set.Policies.Single(p => p.Policy.Name == "palisade-api").Egress.Single(r => r.Rule.Peers.Any(p => p is IpBlockPeer));
        Assert.Equal("ipBlock 203.0.113.7/32", rule.Rule.Peers.Single().ToString());
        Assert.Equal(["203.0.113.7: api.stripe.com"], rule.Comments);

        var comment = Shop().Generate(flows, GenerateOptions.Default with { ExternalEgress = ExternalEgress.FqdnComment });
        var policy = comment.Set.Policies.Single(p => p.Policy.Name == "palisade-api");
        Assert.DoesNotContain(policy.Policy.Egress, r => r.Peers.Any(p => p is IpBlockPeer));
        Assert.Contains("not allowed (--egress-external fqdn-comment): 203.0.113.7 (api.stripe.com) TCP 443", policy.Comments);

        var deny = Shop().Generate(flows, GenerateOptions.Default with { ExternalEgress = ExternalEgress.Deny });
        Assert.Equal("internet-egress", Assert.Single(deny.LeftOut).Reason);
        Assert.True(deny.Proof.Holds);
    }

    [Fact]
    public void Host_network_peers_are_addresses_and_get_no_policy()
    {
        var cluster = Shop().Owned("kube-system/agent", "DaemonSet", "app=agent", "", true, "10.9.0.5");
        var result = cluster.Generate([Flow(1, "10.9.0.5", 40001, "10.244.0.11", 9000), Flow(2, "10.244.0.11", 40002, "10.9.0.5", 9100)]);
        Assert.Equal("ipBlock 10.9.0.5/32 TCP grpc", Rules(result, "palisade-api", PolicyDirection.Ingress));
        Assert.Contains("ipBlock 10.9.0.5/32 TCP 9100", Rules(result, "palisade-api", PolicyDirection.Egress), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Set.Policies, p => p.Policy.Name == "palisade-agent");
        Assert.True(result.Proof.Holds);
    }

    [Fact]
    public void A_side_existing_policies_isolate_gets_exactly_what_was_seen()
    {
        var isolated = Support.Build.NetPol("web/lockdown", "app=api", [PolicyDirection.Egress],
            egress: [Support.Build.To([Support.Build.PodsIn("kubernetes.io/metadata.name=db", "app=postgres")], "TCP 5432")]);
        var result = Shop().With(isolated).Generate([Flow(1, "10.244.0.11", 40001, "10.244.1.20", 5432)]);
        Assert.Equal("namespaceSelector kubernetes.io/metadata.name=db and podSelector app=postgres TCP pg", Rules(result, "palisade-api", PolicyDirection.Egress));
        Assert.Empty(result.Proof.NewlyAllowed);
    }

    [Fact]
    public void Every_generated_policy_of_a_namespace_has_its_own_name()
    {
        var longA = new string('a', 250) + "-x";
        var longB = new string('a', 250) + "-y";
        var result = new GenCluster()
            .Namespace("data").Namespace("kube-system")
            .Node("node-1", "172.18.0.2", "10.244.0.0/16")
            .Workload("data/db", "app=db", "pg:5432/TCP", "10.244.0.10")
            .Owned("data/db", "StatefulSet", "app=db-sts", "pg:5432/TCP", false, "10.244.0.11")
            .Workload("data/db-statefulset", "app=other", "pg:5432/TCP", "10.244.0.12")
            .Workload("data/default-deny", "app=dd", "http:80/TCP", "10.244.0.13")
            .Workload($"data/{longA}", "app=la", "http:80/TCP", "10.244.0.14")
            .Workload($"data/{longB}", "app=lb", "http:80/TCP", "10.244.0.15")
            .Generate(
            [
                Flow(1, "10.244.0.10", 40001, "10.244.0.11", 5432),
                Flow(2, "10.244.0.12", 40002, "10.244.0.13", 80),
                Flow(3, "10.244.0.14", 40003, "10.244.0.15", 80),
            ], GenerateOptions.Default with { WithDefaultDeny = true });
        var names = result.Set.Policies.Select(p => p.Policy.Name).ToArray();
        Assert.Equal(7, names.Length);
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", n));
        Assert.Contains("palisade-default-deny", names);
        Assert.True(result.Proof.Holds);
    }

    [Fact]
    public void An_IPv6_peer_adds_no_reach_to_the_workloads_it_does_not_concern()
    {
        var result = Shop().Generate([Flow(1, "10.244.0.11", 40001, "2001:db8::5", 443), Flow(2, "2001:db8::7", 40002, "10.244.0.11", 9000)]);
        Assert.Contains("ipBlock 2001:db8::5/128 TCP 443", Rules(result, "palisade-api", PolicyDirection.Egress), StringComparison.Ordinal);
        Assert.Equal("ipBlock 2001:db8::7/128 TCP grpc", Rules(result, "palisade-api", PolicyDirection.Ingress));
        Assert.Empty(result.Proof.NewlyAllowed);
        Assert.True(result.Proof.Holds);
    }

    [Fact]
    public void A_flow_to_a_Service_address_is_allowed_to_every_workload_behind_the_Service()
    {
        var result = Shop()
            .Workload("web/api-canary", "app=api,track=canary", "grpc:9100/TCP", "10.244.0.13")
            .Service("web/api", "app=api", "10.96.0.60", "g:80/TCP>grpc")
            .Generate([Flow(1, "10.244.0.10", 40001, "10.96.0.60", 80)]);
        Assert.Equal("podSelector app=frontend TCP grpc", Rules(result, "palisade-api", PolicyDirection.Ingress));
        Assert.Equal("podSelector app=frontend TCP grpc", Rules(result, "palisade-api-canary", PolicyDirection.Ingress));
        Assert.True(result.Proof.Holds);
    }
}
