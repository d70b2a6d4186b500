using Palisade.Detection.Tests.Scenarios.Audit.Labels;

namespace Palisade.Detection.Tests.Scoring.Audit;

/// <summary>The score of one run (a scenario in a wrapper) and what went wrong in it.</summary>
public sealed record AuditRunScore
{
    public required string Scenario { get; init; }
    public required string Wrapper { get; init; }
    public string? Error { get; init; }

    public required IReadOnlyList<AuditLabel> Missed { get; init; }
    public required IReadOnlyList<AuditAlert> Unexpected { get; init; }
    public required int Matched { get; init; }

    /// <summary>Per rule, every rule seen in labels or alerts.</summary>
    public required IReadOnlyDictionary<string, Counts> ByRule { get; init; }

    /// <summary>Matched labels with opened lines to check, and those whose alert reports exactly them.</summary>
    public int OpenedChecked { get; init; }
    public int OpenedExact { get; init; }
    public IReadOnlyList<string> OpenedMismatches { get; init; } = [];

    /// <summary>Matched labels whose time (requestReceivedTimestamp) an alert of the same key reports.</summary>
    public int TimeExact { get; init; }

    public int ExpectedEvents { get; init; }
    public long? ReportedEvents { get; init; }
    public IReadOnlyList<string> ShapeProblems { get; init; } = [];

    public Counts Total => Counts.Sum(ByRule.Values);
    public string Name => $"{Scenario}/{Wrapper}";
}
