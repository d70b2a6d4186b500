namespace Palisade.Findings;

/// <summary>The outcome of a run: the findings to report (most severe first) and how many were suppressed.</summary>
public sealed record FindingsResult(IReadOnlyList<RuleInfo> Checks, IReadOnlyList<Finding> Findings, int Suppressed)
{
    /// <summary>Findings per severity, every severity present (zero when none).</summary>
    public IReadOnlyDictionary<Severity, int> CountsBySeverity =>
        Enum.GetValues<Severity>().ToDictionary(s => s, s => Findings.Count(f => f.Severity == s));

    /// <summary>Whether any finding is at least as severe as the threshold.</summary>
    public bool AnyAtLeast(Severity threshold) => Findings.Any(f => f.Severity >= threshold);
}
