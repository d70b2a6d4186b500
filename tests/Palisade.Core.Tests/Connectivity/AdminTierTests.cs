using Palisade.Core.Tests.Support;
using Palisade.Model;
using Palisade.Policy;
using static Palisade.Core.Tests.Support.Build;
using static Palisade.Policy.AdminAction;

namespace Palisade.Core.Tests.Connectivity;

/// <summary>The admin and baseline tiers around NetworkPolicy: order, Pass, priorities, precedence.</summary>
public sealed class AdminTierTests
{
    private static TestCluster Cluster() => new TestCluster()
        .Namespace("app", "env=prod").Namespace("ops", "env=ops")
        .Pod("app/db", "app=db", ports: "sql:5432/TCP,dns:53/UDP")
        .Pod("app/web", "app=web")
        .Pod("ops/mon", "app=mon");

    [Fact]
    public void Rules_are_evaluated_in_order_and_the_first_match_decides()
    {
        var c = Cluster().With(Anp("a", 10, Subject("env=prod", "app=db"), ingress:
        [
            Admin(Allow, [PodsOf("env=ops")], "TCP 5432"),
            Admin(Deny, [PodsOf("")]),
        ]));
        Assert.Equal("TCP 5432", c.Conns("ops/mon", "app/db"));
        Assert.Equal("", c.Conns("app/web", "app/db"));
    }

    [Fact]
    public void Lower_priority_numbers_win()
    {
        var deny = Anp("deny", 20, Subject(""), ingress: [Admin(Deny, [PodsOf("env=ops")])]);
        var allow = Anp("allow", 10, Subject(""), ingress: [Admin(Allow, [PodsOf("env=ops")], "TCP 5432")]);
        Assert.Equal("TCP 5432", Cluster().With(deny, allow).Conns("ops/mon", "app/db"));
    }

    [Fact]
    public void Admin_allow_overrides_a_network_policy_deny()
    {
        var c = Cluster()
            .With(NetPol("app/deny", ""))
            .With(Anp("a", 1, Subject("env=prod"), ingress: [Admin(Allow, [PodsOf("env=ops")], "TCP 5432")]));
        Assert.Equal("TCP 5432", c.Conns("ops/mon", "app/db"));
        Assert.Equal("", c.Conns("app/web", "app/db"));
    }

    [Fact]
    public void Pass_hands_the_decision_to_network_policies()
    {
        var c = Cluster()
            .With(NetPol("app/db", "app=db", ingress: [From([Namespaces("env=ops")], "TCP 5432")]))
            .With(Anp("a", 1, Subject("env=prod"), ingress: [Admin(Pass, [PodsOf("env=ops")]), Admin(Deny, [PodsOf("env=ops")])]));
        Assert.Equal("TCP 5432", c.Conns("ops/mon", "app/db"));
    }

    [Fact]
    public void Pass_skips_lower_priority_admin_policies()
    {
        var c = Cluster().With(
            Anp("pass", 1, Subject("env=prod"), ingress: [Admin(Pass, [PodsOf("env=ops")], "TCP 5432")]),
            Anp("deny", 2, Subject("env=prod"), ingress: [Admin(Deny, [PodsOf("env=ops")])]));
        Assert.Equal("TCP 5432", c.Conns("ops/mon", "app/db"));
    }

    [Fact]
    public void The_baseline_applies_only_where_no_network_policy_isolates()
    {
        var banp = Anp("default", 0, Subject(""), ingress: [Admin(Deny, [PodsOf("env=ops")])], tier: AdminTier.Baseline);
        Assert.Equal("", Cluster().With(banp).Conns("ops/mon", "app/db"));
        var isolated = Cluster().With(banp).With(NetPol("app/db", "app=db", ingress: [From([Namespaces("")], "TCP 5432")]));
        Assert.Equal("TCP 5432", isolated.Conns("ops/mon", "app/db"));
    }

    [Fact]
    public void What_the_baseline_does_not_mention_is_allowed()
    {
        var banp = Anp("default", 0, Subject(""), ingress: [Admin(Deny, [PodsOf("env=ops")], "TCP 1-1000")], tier: AdminTier.Baseline);
        Assert.Equal("SCTP 1-65535,TCP 1001-65535,UDP 1-65535", Cluster().With(banp).Conns("ops/mon", "app/db"));
    }

    [Fact]
    public void Named_ports_take_the_protocol_of_the_container_port()
    {
        var c = Cluster().With(Anp("a", 1, Subject("env=prod", "app=db"), ingress: [Admin(Allow, [PodsOf("")], "named dns"), Admin(Deny, [PodsOf("")])]));
        Assert.Equal("UDP 53", c.Conns("app/web", "app/db"));
    }

    [Fact]
    public void Networks_split_the_egress_space_and_decide_for_external_addresses()
    {
        var c = Cluster().With(Anp("a", 1, Subject("env=prod", "app=web"), egress:
        [
            Admin(Allow, [Networks("203.0.113.0/24")], "TCP 443"),
            Admin(Deny, [Networks("0.0.0.0/0")]),
        ]));
        Assert.Equal("TCP 443", c.Conns(c["app/web"], c.ExternalTo("203.0.113.9")));
        Assert.Equal("", c.Conns(c["app/web"], c.ExternalTo("8.8.8.8")));
        Assert.Equal("All Connections", c.Conns(c["app/db"], c.ExternalTo("8.8.8.8")));
    }

    [Fact]
    public void Equal_priorities_over_a_common_pod_are_a_conflict()
    {
        var rules = new[] { Admin(Allow, [PodsOf("env=ops")]) };
        var shared = Cluster().With(Anp("a", 5, Subject("env=prod"), ingress: rules), Anp("b", 5, Subject("", "app=db"), ingress: rules));
        var conflict = PriorityConflict.Find(shared.Snapshot());
        Assert.NotNull(conflict);
        Assert.Equal("app/db", conflict.SharedPod.ToString());
        var disjoint = Cluster().With(Anp("a", 5, Subject("env=prod"), ingress: rules), Anp("b", 5, Subject("env=ops"), ingress: rules));
        Assert.Null(PriorityConflict.Find(disjoint.Snapshot()));
        var otherDirections = Cluster().With(Anp("a", 5, Subject("env=prod"), ingress: rules), Anp("b", 5, Subject("", "app=db"), egress: rules));
        Assert.Null(PriorityConflict.Find(otherDirections.Snapshot()));
    }
}
