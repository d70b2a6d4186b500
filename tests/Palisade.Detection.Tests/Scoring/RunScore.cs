using Palisade.Detection.Tests.Scenarios.Labels;

namespace Palisade.Detection.Tests.Scoring;

/// <summary>The score of one run (a scenario in a format) and what went wrong in it.</summary>
public sealed record RunScore
{
    public required string Scenario { get; init; }
    public required string Format { get; init; }

    /// <summary>Why the run produced no usable output (non-zero exit, bad JSON), or null.</summary>
    public string? Error { get; init; }

    public required IReadOnlyList<Label> Missed { get; init; }
    public required IReadOnlyList<AlertKey> Unexpected { get; init; }
    public required IReadOnlyList<AlertKey> Matched { get; init; }

    /// <summary>Matched alerts whose ports do not include every labelled port.</summary>
    public required IReadOnlyList<string> PortMismatches { get; init; }

    /// <summary>Matched via-policy-change alerts whose cause differs from the label's.</summary>
    public required IReadOnlyList<string> CauseMismatches { get; init; }

    /// <summary>Matched alerts whose count (summed over the key's alerts) is not the label's connections.</summary>
    public IReadOnlyList<string> CountMismatches { get; init; } = [];

    /// <summary>Alerts repeating a key already reported (not counted against precision).</summary>
    public int Duplicates { get; init; }

    public IReadOnlyList<string> ShapeProblems { get; init; } = [];

    /// <summary>The alerts as reported, for comparisons across formats.</summary>
    public IReadOnlyList<ObservedAlert> Alerts { get; init; } = [];

    /// <summary>Counts per detector, every detector seen in labels or alerts.</summary>
    public required IReadOnlyDictionary<string, Counts> ByDetector { get; init; }

    public Counts Total => Counts.Sum(ByDetector.Values);

    public int CauseLabels { get; init; }

    /// <summary>Matched labels that carry a count of connections.</summary>
    public int CountLabels { get; init; }

    public string Name => $"{Scenario}/{Format}";
}
