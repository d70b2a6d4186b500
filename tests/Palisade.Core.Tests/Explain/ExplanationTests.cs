using Palisade.Connectivity;
using Palisade.Connectivity.Explain;
using Palisade.Core.Tests.Support;
using Palisade.Net;
using Palisade.Policy;
using static Palisade.Core.Tests.Support.Build;

namespace Palisade.Core.Tests.Explain;

/// <summary>Each kind of reason an explanation gives, one scenario each.</summary>
public sealed class ExplanationTests
{
    private static readonly ConnectionQuery Tcp80 = new(Protocol.Tcp, 80);

    private static TestCluster Shop(params NetworkPolicy[] policies) => new TestCluster()
        .Namespace("web", "team=web").Namespace("db", "team=data")
        .Pod("web/front", "app=front", ports: "http:80/TCP", ips: "10.0.0.10")
        .Pod("db/pg", "app=pg", ports: "sql:5432/TCP,http:80/TCP,dns:53/UDP")
        .Pod("db/other", "app=other")
        .Pod("kube-system/agent", "app=agent", ips: "192.168.0.5", hostNetwork: true)
        .With(policies);

    private static PairExplanation Explain(TestCluster c, string source, string destination, ConnectionQuery? query = null) =>
        Explainer.Explain(c.Engine(), c[source], c[destination], query ?? Tcp80);

    private static string OnlyReason(SideExplanation side) =>
        Assert.Single(Assert.Single(side.Policies).Rules).Reason ?? "(admits)";

    [Fact]
    public void An_unselected_side_is_open()
    {
        var e = Explain(Shop(), "web/front", "db/pg");
        Assert.True(e.Allowed);
        Assert.Equal("no policy selects it for egress", e.Egress.OpenReason);
        Assert.Equal("no policy selects it for ingress", e.Ingress.OpenReason);
    }

    [Fact]
    public void An_external_side_is_open()
    {
        var c = Shop();
        var e = Explainer.Explain(c.Engine(), c.ExternalFrom("8.8.8.8"), c["db/pg"], Tcp80);
        Assert.Equal("0.0.0.0-255.255.255.255 is outside the cluster; no policy governs its egress", e.Egress.OpenReason);
    }

    [Fact]
    public void A_host_network_side_is_open()
    {
        var e = Explain(Shop(NetPol("kube-system/deny", "")), "kube-system/agent", "db/pg");
        Assert.Equal("kube-system/agent uses the host network; pod policies do not apply to it", e.Egress.OpenReason);
    }

    [Fact]
    public void The_admitting_rule_is_named_with_what_it_admits()
    {
        var e = Explain(Shop(NetPol("db/pg", "app=pg", ingress: [From([Namespaces("team=web")], "TCP 80", "TCP 443")])), "web/front", "db/pg");
        Assert.True(e.Allowed);
        var rule = Assert.Single(Assert.Single(e.Ingress.Policies).Rules);
        Assert.True(rule.Admits);
        Assert.Equal("TCP 80,443", rule.Admitted.ToString());
    }

    [Fact]
    public void A_policy_without_rules_in_the_direction_admits_nothing()
    {
        var e = Explain(Shop(NetPol("db/deny", "")), "web/front", "db/pg");
        Assert.False(e.Allowed);
        Assert.Empty(Assert.Single(e.Ingress.Policies).Rules);
        Assert.False(e.Ingress.Allows);
    }

    [Fact]
    public void Pod_selector_mismatch_names_the_missing_term()
    {
        var e = Explain(Shop(NetPol("db/pg", "app=pg", ingress: [From([PodsIn("", "app=api")])])), "web/front", "db/pg");
        Assert.Equal("peer does not match: podSelector app=api does not match web/front (needs app=api; labels: app=front)", OnlyReason(e.Ingress));
    }

    [Fact]
    public void Namespace_selector_mismatch_names_the_namespace()
    {
        var e = Explain(Shop(NetPol("db/pg", "app=pg", ingress: [From([Namespaces("team=ops")])])), "web/front", "db/pg");
        Assert.Equal("peer does not match: namespaceSelector team=ops does not match namespace web (needs team=ops)", OnlyReason(e.Ingress));
    }

    [Fact]
    public void A_bare_pod_selector_is_confined_to_the_policys_namespace()
    {
        var e = Explain(Shop(NetPol("db/pg", "app=pg", ingress: [From([Pods("app=front")])])), "web/front", "db/pg");
        Assert.Equal("peer does not match: podSelector without namespaceSelector selects in namespace db only, and web/front is in web", OnlyReason(e.Ingress));
    }

    [Fact]
    public void Selectors_do_not_match_external_addresses()
    {
        var c = Shop(NetPol("db/pg", "app=pg", ingress: [From([Namespaces("")])]));
        var e = Explainer.Explain(c.Engine(), c.ExternalFrom("8.8.8.8"), c["db/pg"], Tcp80);
        Assert.Equal("peer does not match: namespaceSelector {} selects pods, not the external address 0.0.0.0-255.255.255.255", OnlyReason(e.Ingress));
    }

    [Fact]
    public void Selectors_do_not_match_host_network_pods()
    {
        var e = Explain(Shop(NetPol("db/pg", "app=pg", ingress: [From([Namespaces("")])])), "kube-system/agent", "db/pg");
        Assert.Equal("peer does not match: kube-system/agent uses the host network, so selectors never match it", OnlyReason(e.Ingress));
    }

    [Fact]
    public void An_ipblock_that_does_not_contain_the_address_says_so()
    {
        var c = Shop(NetPol("db/pg", "app=pg", ingress: [From([Cidr("172.16.0.0/12")])]));
        var e = Explainer.Explain(c.Engine(), c.ExternalFrom("8.8.8.8"), c["db/pg"], Tcp80);
        Assert.Equal("peer does not match: ipBlock 172.16.0.0/12 does not contain 0.0.0.0-172.15.255.255", OnlyReason(e.Ingress));
    }

    [Fact]
    public void An_except_carve_out_is_named()
    {
        var c = Shop(NetPol("web/front", "app=front", egress: [To([Cidr("0.0.0.0/0", "169.254.169.254/32")])]));
        var e = Explainer.Explain(c.Engine(), c["web/front"], new ExternalEndpoint(IpRange.Single(System.Net.IPAddress.Parse("169.254.169.254"))), Tcp80);
        Assert.False(e.Allowed);
        Assert.Equal("peer does not match: 169.254.169.254 is carved out of ipBlock 0.0.0.0/0 by except 169.254.169.254/32", OnlyReason(e.Egress));
    }

    [Fact]
    public void An_ipblock_matches_pods_only_by_a_known_ip()
    {
        var e = Explain(Shop(NetPol("web/front", "app=front", ingress: [From([Cidr("10.0.0.0/8")])])), "db/pg", "web/front");
        Assert.Equal("peer does not match: ipBlock 10.0.0.0/8 can only match db/pg by its IP, which the input does not give", OnlyReason(e.Ingress));
    }

    [Fact]
    public void With_pod_ips_off_an_ipblock_ignores_pods()
    {
        var c = Shop(NetPol("db/pg", "app=pg", ingress: [From([Cidr("10.0.0.0/8")])]));
        var engine = new PolicyEngine(c.Snapshot(), new ConnectivityOptions { IpBlockMatchesPodIps = false });
        var front = engine.Pods.Single(p => p.Pod.Name == "front");
        var pg = engine.Pods.Single(p => p.Pod.Name == "pg");
        var e = Explainer.Explain(engine, front, pg, Tcp80);
        Assert.Equal("peer does not match: ipBlock 10.0.0.0/8 matches external addresses only (--ipblock-pod-ips off)", OnlyReason(e.Ingress));
    }

    [Fact]
    public void A_port_outside_the_rule_is_reported_with_what_the_rule_admits()
    {
        var e = Explain(Shop(NetPol("db/pg", "app=pg", ingress: [From([Namespaces("")], "TCP 5432")])), "web/front", "db/pg");
        Assert.Equal("port TCP 80 is not listed (the rule admits TCP 5432)", OnlyReason(e.Ingress));
    }

    [Fact]
    public void A_protocol_outside_the_rule_is_reported()
    {
        var e = Explain(Shop(NetPol("db/pg", "app=pg", ingress: [From([Namespaces("")], "UDP 53")])), "web/front", "db/pg", Tcp80);
        Assert.Equal("protocol TCP is not listed (the rule admits UDP 53)", OnlyReason(e.Ingress));
    }

    [Fact]
    public void A_named_port_missing_on_the_destination_is_reported_with_its_ports()
    {
        var e = Explain(Shop(NetPol("db/other", "app=other", ingress: [From([], "TCP sql")])), "web/front", "db/other");
        Assert.Equal("named port sql is not declared by the destination (it declares no ports; external addresses have none)", OnlyReason(e.Ingress));
        var onPg = Explain(Shop(NetPol("db/pg", "app=pg", ingress: [From([], "TCP metrics")])), "web/front", "db/pg");
        Assert.Equal("named port metrics is not declared by the destination (it declares sql 5432/TCP, http 80/TCP, dns 53/UDP)", OnlyReason(onPg.Ingress));
    }

    [Fact]
    public void A_named_port_with_another_protocol_is_reported()
    {
        var e = Explain(Shop(NetPol("db/pg", "app=pg", ingress: [From([], "TCP dns")])), "web/front", "db/pg");
        Assert.Equal("named port dns is declared by the destination for UDP, not TCP", OnlyReason(e.Ingress));
    }

    [Fact]
    public void Several_peers_each_give_their_reason()
    {
        var e = Explain(Shop(NetPol("db/pg", "app=pg", ingress: [From([Pods("app=api"), Namespaces("team=ops")])])), "web/front", "db/pg");
        Assert.Equal("none of its 2 from peers matches: podSelector without namespaceSelector selects in namespace db only, and web/front is in web; " +
                     "namespaceSelector team=ops does not match namespace web (needs team=ops)", OnlyReason(e.Ingress));
    }

    [Fact]
    public void Without_a_query_each_rule_reports_what_it_admits_or_why_nothing()
    {
        var c = Shop(NetPol("db/pg", "app=pg", ingress: [From([Namespaces("")], "TCP 80"), From([], "TCP nosuch")]));
        var e = Explainer.Explain(c.Engine(), c["web/front"], c["db/pg"]);
        Assert.True(e.Allowed);
        var rules = Assert.Single(e.Ingress.Policies).Rules;
        Assert.Equal("TCP 80", rules[0].Admitted.ToString());
        Assert.Equal("named port nosuch is not declared by the destination (it declares sql 5432/TCP, http 80/TCP, dns 53/UDP)", rules[1].Reason);
    }

    [Fact]
    public void Tiers_are_explained_in_the_order_they_decide()
    {
        var c = Shop(NetPol("db/pg", "app=pg", ingress: [From([Namespaces("team=web")], "TCP 80")]))
            .With(Anp("guard", 5, Subject("team=data"), ingress:
            [
                Admin(AdminAction.Deny, [PodsOf("team=web")], "TCP 5432"),
                Admin(AdminAction.Pass, [PodsOf("team=web")]),
            ]))
            .With(Anp("default", 0, Subject(""), ingress: [Admin(AdminAction.Deny, [PodsOf("")])], tier: AdminTier.Baseline));
        var e = Explain(c, "web/front", "db/pg");
        Assert.True(e.Allowed);
        var text = new StringWriter();
        Palisade.Reporting.Explain.ExplanationWriter.WriteSides(e, text);
        Assert.Equal("""
              egress of web/front[Deployment]: allows: no policy selects it for egress
              ingress of db/pg[Deployment]: allows
                AdminNetworkPolicy guard (admin tier, priority 5) selects it
                  spec.ingress[1] passes to the lower tiers SCTP 1-65535,TCP 1-5431,5433-65535,UDP 1-65535
                NetworkPolicy db/pg selects it for ingress
                  spec.ingress[0] admits TCP 80
                the baseline tier is not consulted: NetworkPolicies isolate it for ingress

            """, text.ToString().Replace("\r", ""));
    }
}
