using Palisade.Findings;
using Palisade.Model;
using Palisade.Model.Changes;

namespace Palisade.Posture.Fixes;

/// <summary>
/// Proves fixes before they are offered: each distinct change is applied to the cluster in memory and every
/// check runs again. A fix is kept only when the cluster then has no finding it did not have (same check,
/// object and field) nor a more severe one, and no workload loses traffic from outside that it had. A fix
/// that fails is withheld, and its finding says what applying it would have introduced. Beyond a budget that
/// shrinks as the cluster grows (<see cref="Budget"/>), the remaining fixes are proven together, and a group that
/// fails is split in halves while the same budget of further proofs lasts.
/// </summary>
public static class FixVerifier
{
    /// <summary>At most this many distinct changes are proven one by one.</summary>
    public const int MaxSeparate = 40;

    /// <summary>
    /// The separate proofs are bounded by what one analysis of the cluster costs (<see cref="PostureContext.AnalysisSize"/>),
    /// which a proof cost before proofs were incremental: <c>clamp(ProvingBudget / size, 1, 40)</c>: 40 up to 100,000
    /// (2,500 pods and few lines), 9 for the sparse 10k-pod bench cluster, 6 for the dense 10k one, 1 from 4,000,000.
    /// </summary>
    public const long ProvingBudget = 4_000_000;

    /// <summary>The findings, with each fix kept only if applying it alone (or in a group proven together) introduces nothing.</summary>
    public static FindingsResult Verify(PostureContext context, FindingsResult result, LintOptions options, IProgress<string>? progress = null)
    {
        var changes = result.Findings.Select(f => f.FixChange).OfType<ClusterEdit>().Distinct().ToArray();
        if (changes.Length == 0)
            return result;
        var before = Index(result.Findings);
        var exposure = context.Workloads().ToDictionary(w => w.Pod.Owner, w => context.Exposure(w.Pod).All);
        var verdicts = new Dictionary<ClusterEdit, string?>();
        var budget = Budget(context.AnalysisSize);
        var separate = changes.Take(budget).ToArray();
        for (var i = 0; i < separate.Length; i++)
        {
            progress?.Report($"proving fix {i + 1} of {changes.Length}");
            verdicts[separate[i]] = Problem(context, separate[i], before, exposure, options);
        }
        if (changes.Length > budget)
        {
            progress?.Report($"proving the other {changes.Length - budget} fixes together");
            var splits = budget;
            ProveTogether(changes[budget..], verdicts, ref splits, change => Problem(context, change, before, exposure, options));
        }
        var findings = result.Findings.Select(f => f.FixChange is { } c && verdicts[c] is { } problem
            ? f with { Fix = null, FixChange = null, Remediation = $"{f.Remediation} No ready manifest: the generated one, applied in memory, {problem}." }
            : f).ToArray();
        return new FindingsResult(result.Producer, result.Rules, findings, result.Suppressed);
    }

    /// <summary>How many fixes are proven one by one when one analysis of the cluster has this size.</summary>
    public static int Budget(long analysisSize) => (int)Math.Clamp(ProvingBudget / Math.Max(analysisSize, 1), 1, MaxSeparate);

    /// <summary>
    /// Proves the group in one go; when it introduces something, each half is proven again (while
    /// <paramref name="splits"/> lasts), so that one bad fix withholds itself rather than the whole group.
    /// </summary>
    internal static void ProveTogether(ClusterEdit[] group, Dictionary<ClusterEdit, string?> verdicts, ref int splits, Func<ClusterEdit, string?> problemOf)
    {
        var problem = problemOf(group.Length == 1 ? group[0] : new ChangeSequence(group));
        if (problem is null || group.Length == 1 || splits < 2)
        {
            foreach (var change in group)
                verdicts[change] = problem;
            return;
        }
        splits -= 2;
        var half = group.Length / 2;
        ProveTogether(group[..half], verdicts, ref splits, problemOf);
        ProveTogether(group[half..], verdicts, ref splits, problemOf);
    }

    /// <summary>
    /// What applying the change to the cluster of <paramref name="context"/> would break, or null when it breaks nothing.
    /// The changed cluster's edge lines are taken from the context's where the change cannot reach them.
    /// </summary>
    public static string? Problem(PostureContext context, ClusterEdit change, IReadOnlyDictionary<(string, string, string?), Severity> before,
        IReadOnlyDictionary<WorkloadRef, Net.ConnectionSet> exposure, LintOptions options)
    {
        var after = new PostureContext(change.Apply(context.Cluster), options.Connectivity) { OnlyCompared = true, ChangedFrom = context };
        var findings = LintUseCase.Findings(after, options, unordered: true).Findings;
        foreach (var finding in findings)
        {
            var key = Key(finding);
            if (!before.TryGetValue(key, out var severity))
                return $"would add {finding.Rule.Id} on {finding.Subject}: {finding.Message}";
            if (finding.Severity > severity)
                return $"would raise {finding.Rule.Id} on {finding.Subject} to {finding.Severity.Name()}";
        }
        foreach (var workload in after.Workloads())
        {
            if (after.ExposureUnchanged(workload.Pod))
                continue;
            if (exposure.TryGetValue(workload.Pod.Owner, out var had) && !had.Except(after.Exposure(workload.Pod).All).IsEmpty)
                return $"would cut outside traffic to {workload.Pod.Owner} ({had.Except(after.Exposure(workload.Pod).All)})";
        }
        return null;
    }

    /// <summary>Findings by check, subject and field, with the worst severity of each.</summary>
    public static IReadOnlyDictionary<(string, string, string?), Severity> Index(IEnumerable<Finding> findings) =>
        findings.GroupBy(Key).ToDictionary(g => g.Key, g => g.Max(f => f.Severity));

    private static (string, string, string?) Key(Finding f) => (f.Rule.Id, f.Subject, f.Field);
}
