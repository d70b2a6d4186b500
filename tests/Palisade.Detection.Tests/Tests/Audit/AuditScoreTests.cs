using Palisade.Detection.Tests.Scoring;
using Palisade.Detection.Tests.Scoring.Audit;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Tests.Audit;

/// <summary><c>palisade audit</c> against the labelled scenarios: ≥ 95% recall and precision per run, and the report for the lead.</summary>
public sealed class AuditScoreTests(ITestOutputHelper output)
{
    private const double Target = 0.95;

    public static TheoryData<string, string> Runs() => AuditSession.Runs();

    [Theory]
    [MemberData(nameof(Runs))]
    public void Recall_and_precision_reach_95_percent(string scenario, string wrapper)
    {
        var score = AuditSession.Shared.Score(scenario, wrapper);
        output.WriteLine(AuditScoreReport.Summary([score]));
        Assert.True(score.Error is null, score.Error);
        var t = score.Total;
        Assert.True(t.Recall >= Target && t.Precision >= Target,
            $"recall {ScoreReport.P(t.Recall)}, precision {ScoreReport.P(t.Precision)}\nmissed:\n  "
            + string.Join("\n  ", score.Missed.Select(l => $"{l} at {l.Time} ({l.Why})")) + "\nunexpected:\n  " + string.Join("\n  ", score.Unexpected.Select(a => $"{a} at {a.Time}")));
    }

    [Fact]
    public void Scores_are_written_for_the_lead()
    {
        var runs = AuditSession.Shared.ScoreAll();
        var path = RepoPaths.InRepo("artifacts", "audit-scores.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, AuditScoreReport.Markdown(runs));
        output.WriteLine(AuditScoreReport.Summary(runs));
        Assert.Equal(AuditSession.Runs().Count, runs.Count);
    }
}
