using Palisade.Model.Changes;
using Palisade.Posture.Fixes;

namespace Palisade.Posture.Tests;

/// <summary>Fixes proven together: a group that fails is halved while the budget lasts, so a bad fix withholds itself, not its group.</summary>
public sealed class FixGroupProofTests
{
    private static readonly ClusterEdit[] Fixes = Enumerable.Range(0, 20).Select(i => (ClusterEdit)new LabelNamespace($"ns-{i}", "k", "v")).ToArray();

    /// <summary>"breaks" when the change is, or contains, one of the bad fixes; counts the proofs asked for.</summary>
    private static Func<ClusterEdit, string?> ProblemOf(ISet<ClusterEdit> bad, List<int> sizes) => change =>
    {
        var members = change is ChangeSequence sequence ? sequence.Changes : [change];
        sizes.Add(members.Count);
        return members.Any(bad.Contains) ? "breaks" : null;
    };

    [Fact]
    public void A_group_that_passes_is_proven_once_and_every_fix_is_kept()
    {
        var verdicts = new Dictionary<ClusterEdit, string?>();
        var sizes = new List<int>();
        var splits = 10;

        FixVerifier.ProveTogether(Fixes, verdicts, ref splits, ProblemOf(new HashSet<ClusterEdit>(), sizes));

        Assert.Equal([20], sizes);
        Assert.All(Fixes, f => Assert.Null(verdicts[f]));
    }

    [Fact]
    public void With_budget_enough_only_the_bad_fix_is_withheld()
    {
        var verdicts = new Dictionary<ClusterEdit, string?>();
        var sizes = new List<int>();
        var splits = 40;

        FixVerifier.ProveTogether(Fixes, verdicts, ref splits, ProblemOf(new HashSet<ClusterEdit> { Fixes[13] }, sizes));

        Assert.Equal("breaks", verdicts[Fixes[13]]);
        Assert.Equal(19, Fixes.Count(f => verdicts[f] is null));
        Assert.Contains(1, sizes);
    }

    [Fact]
    public void When_the_budget_runs_out_the_unresolved_group_is_withheld_whole()
    {
        var verdicts = new Dictionary<ClusterEdit, string?>();
        var sizes = new List<int>();
        var splits = 2;

        FixVerifier.ProveTogether(Fixes, verdicts, ref splits, ProblemOf(new HashSet<ClusterEdit> { Fixes[3] }, sizes));

        // One split: halves of 10; the half holding the bad fix is withheld whole, the other kept.
        Assert.Equal([20, 10, 10], sizes);
        Assert.All(Fixes[..10], f => Assert.Equal("breaks", verdicts[f]));
        Assert.All(Fixes[10..], f => Assert.Null(verdicts[f]));
    }
}
