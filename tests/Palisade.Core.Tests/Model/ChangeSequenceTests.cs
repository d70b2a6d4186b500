using FsCheck.Xunit;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Model.Changes;
using Palisade.Policy;

namespace Palisade.Core.Tests.Model;

/// <summary>A sequence applies its runs of policy changes at once, with the result of applying every change in turn (random sequences too).</summary>
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

    [Property(MaxTest = 2000)]
    public void Runs_of_policy_changes_without_a_name_twice_in_one_change_give_what_applying_in_turn_gives(int seed)
    {
        // Names repeat across changes (never within one), other kinds of change come between runs, namespaces may be new.
        var random = new Random(seed);
        string[] namespaces = ["a", "b", "c"];
        string[] names = ["p", "q", "r", "s"];
        var cluster = new Cluster(new NetworkSnapshot([new NamespaceInfo("a", LabelSet.Empty), new NamespaceInfo("b", LabelSet.Empty)], [],
            [Policy("a", "p", "0"), Policy("b", "q", "0"), Policy("a", "r", "0"), Policy("b", "p", "0")]));
        var changes = new List<ClusterEdit>();
        for (var i = 0; i < random.Next(1, 7); i++)
        {
            if (random.Next(4) == 0)
            {
                changes.Add(new LabelNamespace(namespaces[random.Next(2)], "k", $"v{i}"));
                continue;
            }
            var batch = Enumerable.Range(0, random.Next(1, 4))
                .Select(j => Policy(namespaces[random.Next(namespaces.Length)], names[random.Next(names.Length)], $"{i}.{j}"))
                .DistinctBy(p => (p.Namespace, p.Name)).ToArray();
            changes.Add(new ApplyPolicies(batch));
        }
        var inTurn = changes.Aggregate(cluster, (c, change) => change.Apply(c));
        var together = new ChangeSequence(changes).Apply(cluster);
        Assert.Equal(Describe(inTurn), Describe(together));
        Assert.Equal(string.Join(";", inTurn.Network.Namespaces.Values.Select(n => $"{n.Name} {n.Labels}")),
            string.Join(";", together.Network.Namespaces.Values.Select(n => $"{n.Name} {n.Labels}")));
    }

    private static string[] Describe(Cluster cluster) =>
        [.. cluster.Network.NetworkPolicies.Select(p => $"{p.Namespace}/{p.Name} {p.PodSelector}")];
}
