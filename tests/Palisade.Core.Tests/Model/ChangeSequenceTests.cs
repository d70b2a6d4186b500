using Palisade.Labels;
using Palisade.Model;
using Palisade.Model.Changes;
using Palisade.Policy;

namespace Palisade.Core.Tests.Model;

/// <summary>A sequence applies its runs of policy changes at once, with the result of applying every change in turn.</summary>
public sealed class ChangeSequenceTests
{
    private static NetworkPolicy Policy(string ns, string name, string app) =>
        new(ns, name, new LabelSelector([new("app", app)], []));

    [Fact]
    public void Runs_of_policy_changes_give_what_applying_each_change_in_turn_gives()
    {
        var cluster = new Cluster(new NetworkSnapshot([new NamespaceInfo("a", LabelSet.Empty), new NamespaceInfo("b", LabelSet.Empty)], [],
            [Policy("a", "p", "x"), Policy("b", "q", "x"), Policy("a", "r", "x")]));
        ClusterEdit[] changes =
        [
            new ApplyPolicies([Policy("a", "p", "y"), Policy("b", "new", "y")]),
            new ApplyPolicies([Policy("a", "p", "z"), Policy("a", "r", "z")]),
            new LabelNamespace("b", "team", "t"),
            new ApplyPolicies([Policy("b", "new", "w")]),
        ];

        var together = new ChangeSequence(changes).Apply(cluster);
        var inTurn = changes.Aggregate(cluster, (c, change) => change.Apply(c));

        Assert.Equal(Describe(inTurn), Describe(together));
        Assert.Equal(["a/p app=z", "a/r app=z", "b/new app=w", "b/q app=x"], Describe(together).Order(StringComparer.Ordinal));
        Assert.Equal("kubernetes.io/metadata.name=b,team=t", together.Network.Namespaces["b"].Labels.ToString());
    }

    [Fact]
    public void A_change_naming_a_policy_twice_keeps_both_as_applying_it_does()
    {
        var cluster = new Cluster(new NetworkSnapshot([new NamespaceInfo("a", LabelSet.Empty)], [], [Policy("a", "p", "x"), Policy("a", "q", "x")]));
        ClusterEdit[] changes = [new ApplyPolicies([Policy("a", "p", "y"), Policy("a", "p", "z")]), new ApplyPolicies([Policy("a", "q", "w")])];

        var together = new ChangeSequence(changes).Apply(cluster);
        var inTurn = changes.Aggregate(cluster, (c, change) => change.Apply(c));

        Assert.Equal(Describe(inTurn), Describe(together));
        Assert.Equal(["a/p app=y", "a/p app=z", "a/q app=w"], Describe(together));
    }

    private static string[] Describe(Cluster cluster) =>
        [.. cluster.Network.NetworkPolicies.Select(p => $"{p.Namespace}/{p.Name} {p.PodSelector}")];
}
