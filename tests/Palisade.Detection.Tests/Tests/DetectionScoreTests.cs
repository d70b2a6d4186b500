using Palisade.Detection.Tests.Scenarios.Definitions;
using Palisade.Detection.Tests.Scenarios.Formats;
using Palisade.Detection.Tests.Scenarios.Labels;
using Palisade.Detection.Tests.Scoring;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Tests;

/// <summary>
/// <c>palisade flows check</c> against the labelled scenarios: recall and precision of at least 95% per
/// run, the same L3/L4 alerts whatever the format, and the score report for the lead.
/// </summary>
public sealed class DetectionScoreTests(ITestOutputHelper output)
{
    private const double Target = 0.95;

    public static TheoryData<string, string> Runs() => DetectionSession.Runs();

    /// <summary>Scenarios written in more than one format with a verdict.</summary>
    public static TheoryData<string> MultiFormatScenarios() =>
        [.. ScenarioCatalog.Names.Where(n => ScenarioCatalog.Get(n).Formats.Count(f => f.HasVerdict) > 1)];

    [Theory]
    [MemberData(nameof(Runs))]
    public void Recall_and_precision_reach_95_percent(string scenario, string format)
    {
        var score = DetectionSession.Shared.Score(scenario, format);
        output.WriteLine(ScoreReport.Summary([score]));
        Assert.True(score.Error is null, score.Error);
        var t = score.Total;
        Assert.True(t.Recall >= Target && t.Precision >= Target,
            $"recall {ScoreReport.P(t.Recall)}, precision {ScoreReport.P(t.Precision)}\nmissed:\n  "
            + string.Join("\n  ", score.Missed.Select(l => $"{l.Detector} {l.Src} -> {l.Dst} {l.Protocol} [{string.Join(",", l.Ports)}]"))
            + "\nunexpected:\n  " + string.Join("\n  ", score.Unexpected));
    }

    [Theory]
    [MemberData(nameof(MultiFormatScenarios))]
    public void Hubble_vpc_and_csv_give_the_same_L3_L4_alerts(string scenario)
    {
        var formats = FlowFormat.WithVerdict.Where(f => DetectionSession.Shared.File(scenario).Runs.Any(r => r.Format == f.Id)).ToList();
        var sets = formats.ToDictionary(f => f.Id, f =>
        {
            var score = DetectionSession.Shared.Score(scenario, f.Id);
            Assert.True(score.Error is null, $"{f.Id}: {score.Error}");
            return L3L4(score.Alerts);
        });
        var reference = sets[FlowFormat.Hubble.Id];
        foreach (var (format, set) in sets)
        {
            Assert.True(set.SetEquals(reference),
                $"{format} differs from hubble:\n  only in {format}: {string.Join("\n    ", set.Except(reference))}\n  only in hubble: {string.Join("\n    ", reference.Except(set))}");
        }
    }

    [Fact]
    public void Scores_are_written_for_the_lead()
    {
        var runs = DetectionSession.Shared.ScoreAll();
        var markdown = ScoreReport.Markdown(runs);
        var path = RepoPaths.InRepo("artifacts", "detection-scores.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, markdown);
        output.WriteLine(ScoreReport.Summary(runs));
        output.WriteLine($"written to {path}; scenarios under {DetectionSession.Shared.Root}");
        Assert.Equal(DetectionSession.Runs().Count, runs.Count);
    }

    /// <summary>(detector, src, dst, protocol, ports) of the L3/L4 alerts, ports united per key.</summary>
    private static HashSet<string> L3L4(IEnumerable<ObservedAlert> alerts) =>
    [
        .. alerts.Where(a => !Detectors.L7.Contains(a.Detector)).GroupBy(a => a.Key)
            .Select(g => $"{g.Key} [{string.Join(",", g.SelectMany(a => a.Ports).Distinct().Order())}]"),
    ];
}
