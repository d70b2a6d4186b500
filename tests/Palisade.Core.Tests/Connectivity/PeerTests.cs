using Palisade.Core.Tests.Support;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Policy;
using static Palisade.Core.Tests.Support.Build;

namespace Palisade.Core.Tests.Connectivity;

/// <summary>Which peers a rule's selectors match.</summary>
public sealed class PeerTests
{
    private static TestCluster Cluster() => new TestCluster()
        .Namespace("prod", "env=prod").Namespace("dev", "env=dev").Namespace("ops")
        .Pod("prod/db", "app=db").Pod("prod/api", "app=api").Pod("dev/api", "app=api").Pod("ops/mon", "app=mon");

    private static TestCluster DbAllowing(params PolicyPeer[] peers) =>
        Cluster().With(NetPol("prod/db", "app=db", ingress: [From(peers)]));

    [Fact]
    public void A_selector_object_shared_by_policies_of_two_namespaces_is_refused()
    {
        // A pod selector alone means "in the policy's namespace"; the engine keys a peer by reference, so one object
        // cannot mean two namespaces. Loaded policies never share one; a policy copied in memory must get its own.
        var policy = NetPol("prod/db", "app=db", ingress: [From([Pods("app=api")])]);
        var copy = policy with { Namespace = "dev", Name = "copy" };
        var error = Assert.Throws<ArgumentException>(() => Cluster().With(policy, copy).Engine());
        Assert.Contains("dev/copy shares a selector object with a policy of namespace prod", error.Message);
    }

    [Fact]
    public void A_rule_object_shared_by_two_policies_explains_with_each()
    {
        var forDb = NetPol("prod/db-in", "app=db", ingress: [From([Pods("app=api")])]);
        var forApi = forDb with { Name = "api-in", PodSelector = Sel("app=api") };
        var c = Cluster().With(forDb, forApi);
        Assert.Equal("db-in", Assert.Single(c.Engine().Evaluate(c["prod/api"], c["prod/db"]).Ingress.Matches).Policy.Name);
        Assert.Equal("api-in", Assert.Single(c.Engine().Evaluate(c["prod/api"], c["prod/api"]).Ingress.Matches).Policy.Name);
    }

    [Fact]
    public void Pod_selector_alone_selects_in_the_policys_namespace()
    {
        var c = DbAllowing(Pods("app=api"));
        Assert.Equal("All Connections", c.Conns("prod/api", "prod/db"));
        Assert.Equal("", c.Conns("dev/api", "prod/db"));
    }

    [Fact]
    public void Namespace_and_pod_selectors_in_one_peer_are_anded()
    {
        var c = DbAllowing(PodsIn("env=dev", "app=api"));
        Assert.Equal("All Connections", c.Conns("dev/api", "prod/db"));
        Assert.Equal("", c.Conns("prod/api", "prod/db"));
        Assert.Equal("", c.Conns("ops/mon", "prod/db"));
    }

    [Fact]
    public void Separate_peers_are_ored()
    {
        var c = DbAllowing(Namespaces("env=dev"), Pods("app=api"));
        Assert.Equal("All Connections", c.Conns("dev/api", "prod/db"));
        Assert.Equal("All Connections", c.Conns("prod/api", "prod/db"));
        Assert.Equal("", c.Conns("ops/mon", "prod/db"));
    }

    [Fact]
    public void Empty_namespace_selector_means_every_namespace()
    {
        var c = DbAllowing(Namespaces(""));
        Assert.Equal("All Connections", c.Conns("ops/mon", "prod/db"));
        Assert.Equal("", c.Conns(c.ExternalFrom("8.8.8.8"), c["prod/db"]));
    }

    [Fact]
    public void Namespaces_carry_a_synthesised_name_label()
    {
        var c = DbAllowing(Namespaces($"{NamespaceInfo.NameLabel}=ops"));
        Assert.Equal("All Connections", c.Conns("ops/mon", "prod/db"));
        Assert.Equal("", c.Conns("dev/api", "prod/db"));
    }

    [Fact]
    public void Undeclared_namespaces_have_only_the_name_label()
    {
        var c = new TestCluster().Pod("ghost/x", "app=x").Pod("a/db", "app=db")
            .With(NetPol("a/db", "app=db", ingress: [From([Namespaces($"{NamespaceInfo.NameLabel}=ghost")])]));
        Assert.Equal("All Connections", c.Conns("ghost/x", "a/db"));
    }

    [Theory]
    [InlineData(SelectorOperator.In, "api", "prod/api", true)]
    [InlineData(SelectorOperator.In, "api", "ops/mon", false)]
    [InlineData(SelectorOperator.NotIn, "api", "ops/mon", true)]
    [InlineData(SelectorOperator.NotIn, "mon", "ops/mon", false)]
    [InlineData(SelectorOperator.Exists, null, "ops/mon", true)]
    [InlineData(SelectorOperator.DoesNotExist, null, "ops/mon", false)]
    public void Match_expressions_follow_their_operator(SelectorOperator op, string? value, string client, bool allowed)
    {
        var expression = value is null ? Expr("app", op) : Expr("app", op, value);
        var c = DbAllowing(new SelectorPeer(Sel("", expression), Sel("")));
        Assert.Equal(allowed ? "All Connections" : "", c.Conns(client, "prod/db"));
    }

    [Fact]
    public void NotIn_and_DoesNotExist_match_pods_lacking_the_key()
    {
        var c = Cluster().Pod("ops/bare").With(NetPol("prod/db", "app=db", ingress: [From([
            new SelectorPeer(Sel("", Expr("app", SelectorOperator.NotIn, "api")), Sel("env=nowhere")),
            new SelectorPeer(Sel("", Expr("tier", SelectorOperator.DoesNotExist), Expr("app", SelectorOperator.NotIn, "api", "mon", "db")), Sel(""))])]));
        Assert.Equal("All Connections", c.Conns("ops/bare", "prod/db"));
        Assert.Equal("", c.Conns("ops/mon", "prod/db"));
    }

    [Fact]
    public void Match_labels_and_expressions_are_anded()
    {
        var c = DbAllowing(new SelectorPeer(Sel("app=api", Expr("app", SelectorOperator.In, "mon")), Sel("")));
        Assert.Equal("", c.Conns("prod/api", "prod/db"));
    }
}
