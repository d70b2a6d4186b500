using Palisade.Findings;

namespace Palisade.Posture;

/// <summary>The posture findings of a cluster, and what the analysis warns about.</summary>
public sealed class LintReport(FindingsResult findings, IReadOnlyList<string> warnings)
{
    /// <summary>The findings.</summary>
    public FindingsResult Findings { get; } = findings;

    /// <summary>Things worth telling that do not change the findings, such as routes the policies block.</summary>
    public IReadOnlyList<string> Warnings { get; } = warnings;
}
