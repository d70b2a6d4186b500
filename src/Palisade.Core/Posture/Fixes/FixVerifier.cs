using Palisade.Findings;
using Palisade.Model;
using Palisade.Model.Changes;

namespace Palisade.Posture.Fixes;

/// <summary>
/// Proves fixes before they are offered: each distinct change is applied to the cluster in memory and every
/// check runs again. A fix is kept only when the cluster then has no finding it did not have (same check,
/// object and field) nor a more severe one, and no workload loses traffic from outside that it had. A fix
/// that fails is withheld, and its finding says what applying it would have introduced.
/// </summary>
public static class FixVerifier
{
    /// <summary>Beyond this many distinct changes, the rest are proven together (all kept or all withheld), to bound the time taken.</summary>
    public const int MaxSeparate = 40;

    /// <summary>The findings, with each fix kept only if applying it alone (or in the shared batch) introduces nothing.</summary>
    public static FindingsResult Verify(PostureContext context, FindingsResult result, LintOptions options, IProgress<string>? progress = null)
    {
        var changes = result.Findings.Select(f => f.FixChange).OfType<ClusterEdit>().Distinct().ToArray();
        if (changes.Length == 0)
            return result;
        var before = Index(result.Findings);
        var exposure = context.Workloads().ToDictionary(w => w.Pod.Owner, w => context.Exposure(w.Pod).All);
        var verdicts = new Dictionary<ClusterEdit, string?>();
        var separate = changes.Take(MaxSeparate).ToArray();
        for (var i = 0; i < separate.Length; i++)
        {
            progress?.Report($"proving fix {i + 1} of {changes.Length}");
            verdicts[separate[i]] = Problem(context.Cluster, separate[i], before, exposure, options);
        }
        if (changes.Length > MaxSeparate)
        {
            progress?.Report($"proving the other {changes.Length - MaxSeparate} fixes together");
            var rest = changes.Skip(MaxSeparate).ToArray();
            var problem = Problem(context.Cluster, new ChangeSequence(rest), before, exposure, options);
            foreach (var change in rest)
                verdicts[change] = problem;
        }
        var findings = result.Findings.Select(f => f.FixChange is { } c && verdicts[c] is { } problem
            ? f with { Fix = null, FixChange = null, Remediation = $"{f.Remediation} No ready manifest: the generated one, applied in memory, {problem}." }
            : f).ToArray();
        return new FindingsResult(result.Producer, result.Rules, findings, result.Suppressed);
    }

    /// <summary>What applying the change would break, or null when it breaks nothing.</summary>
    public static string? Problem(Cluster cluster, ClusterEdit change, IReadOnlyDictionary<(string, string, string?), Severity> before,
        IReadOnlyDictionary<WorkloadRef, Net.ConnectionSet> exposure, LintOptions options)
    {
        var after = new PostureContext(change.Apply(cluster), options.Connectivity) { OffersFixes = false };
        var findings = LintUseCase.Findings(after, options).Findings;
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
