namespace Palisade.Findings;

/// <summary>
/// The outcome of running the rules of one producer (<c>lint</c>, later <c>flows</c> and <c>audit</c>): the
/// rules run, the findings to report (most severe first) and how many were suppressed.
/// </summary>
public sealed class FindingsResult(string producer, IReadOnlyList<RuleInfo> rules, IReadOnlyList<Finding> findings, int suppressed)
{
    /// <summary>The command that produced the findings, as the reports name it.</summary>
    public string Producer { get; } = producer;

    /// <summary>The rules that ran.</summary>
    public IReadOnlyList<RuleInfo> Rules { get; } = rules;

    /// <summary>The findings, most severe first.</summary>
    public IReadOnlyList<Finding> Findings { get; } = findings;

    /// <summary>How many findings an annotation suppressed.</summary>
    public int Suppressed { get; } = suppressed;

    /// <summary>Findings per severity, every severity present (zero when none).</summary>
    public IReadOnlyDictionary<Severity, int> CountsBySeverity =>
        Enum.GetValues<Severity>().ToDictionary(s => s, s => Findings.Count(f => f.Severity == s));

    /// <summary>Whether any finding is at least as severe as the threshold.</summary>
    public bool AnyAtLeast(Severity threshold) => Findings.Any(f => f.Severity >= threshold);
}
