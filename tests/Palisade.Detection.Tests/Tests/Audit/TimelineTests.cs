using System.Text.Json;
using Palisade.Detection.Tests.Scenarios.Audit;
using Palisade.Detection.Tests.Scenarios.Audit.Wrappers;
using Palisade.Detection.Tests.Scenarios.Formats;
using Palisade.Detection.Tests.Scoring;
using Palisade.Detection.Tests.Scoring.Audit;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Tests.Audit;

/// <summary>
/// The policy timeline scenario: <c>timeline -o json</c> lists each change with its opened and closed lines,
/// <c>connectivity --audit LOG --at TIME</c> equals <c>connectivity</c> of the generator's own state at TIME,
/// and <c>flows check --audit</c> judges each flow by the state in force (via-policy-change with its cause,
/// no false policy-violation). In every wrapper.
/// </summary>
public sealed class TimelineTests(ITestOutputHelper output)
{
    private const string Scenario = "timeline";

    public static TheoryData<string> Wrappers() => [.. AuditWrapper.All.Select(w => w.Id)];

    private static TimelineExpectations Expect() =>
        new(AuditScenarioCatalog.Get(Scenario), AuditSession.Shared.Connectivity(Scenario));

    private static (string Dir, string Log) Files(string wrapper)
    {
        var dir = AuditSession.Shared.Directory(Scenario);
        return (dir, Path.Combine(dir, "audit", AuditWrapper.ById(wrapper).FileName));
    }

    [Theory]
    [MemberData(nameof(Wrappers))]
    public void Timeline_lists_each_change_with_what_it_opened_and_closed(string wrapper)
    {
        var (dir, log) = Files(wrapper);
        var run = CliRun.Of("timeline", log, "--cluster", Path.Combine(dir, "cluster"), "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var reported = json.RootElement.GetProperty("changes").EnumerateArray().Select(c => (
            Time: c.GetProperty("time").GetString()!, User: c.GetProperty("user").GetString()!, Verb: c.GetProperty("verb").GetString()!,
            Object: c.GetProperty("object").GetString()!,
            Opened: c.GetProperty("opened").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToList(),
            Closed: c.GetProperty("closed").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToList())).ToList();
        var problems = new List<string>();
        foreach (var change in Expect().Changes())
        {
            var match = reported.FirstOrDefault(r => r.User == change.User && r.Verb == change.Verb && r.Object == change.Object && AuditScorer.SameInstant(r.Time, change.Time));
            if (match.Object is null)
            {
                problems.Add($"missing {change.Time} {change.User} {change.Verb} {change.Object}");
                continue;
            }
            reported.Remove(match);
            if (!match.Opened.SequenceEqual(change.Opened.Order(StringComparer.Ordinal)))
                problems.Add($"{change.Object} at {change.Time}: opened [{string.Join(" | ", match.Opened)}], expected [{string.Join(" | ", change.Opened)}]");
            if (!match.Closed.SequenceEqual(change.Closed.Order(StringComparer.Ordinal)))
                problems.Add($"{change.Object} at {change.Time}: closed [{string.Join(" | ", match.Closed)}], expected [{string.Join(" | ", change.Closed)}]");
        }
        problems.AddRange(reported.Select(r => $"unexpected {r.Time} {r.User} {r.Verb} {r.Object}"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Wrappers))]
    public void Connectivity_at_a_time_is_the_state_then(string wrapper)
    {
        var (dir, log) = Files(wrapper);
        var expect = Expect();
        foreach (var time in expect.CheckTimes)
        {
            var at = AuditEventJson.Timestamp(time);
            var run = CliRun.Of("connectivity", Path.Combine(dir, "cluster"), "--audit", log, "--at", at);
            Assert.True(run.ExitCode == 0, $"{at}: {run.Error}");
            var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var expected = expect.ConnectivityAt(time);
            Assert.True(lines.SequenceEqual(expected), $"at {at}: only reported [{string.Join(" | ", lines.Except(expected))}], only expected [{string.Join(" | ", expected.Except(lines))}]");
        }
    }

    [Theory]
    [MemberData(nameof(Wrappers))]
    public void Flows_are_judged_by_the_state_in_force(string wrapper)
    {
        var (dir, log) = Files(wrapper);
        var expect = Expect();
        var flows = Path.Combine(dir, $"flows.{wrapper}.hubble.json");
        File.WriteAllText(flows, FlowWriters.For(FlowFormat.Hubble).Write(expect.Flows(), AuditScenarioCatalog.Get(Scenario).Cluster));
        var run = CliRun.Of("flows", "check", flows, "--cluster", Path.Combine(dir, "cluster"), "--audit", log, "-o", "json");
        Assert.True(run.ExitCode is 0 or 1, run.Error);
        var labels = expect.FlowLabels();
        Assert.Equal(6, labels.Count(l => l.Detector == "via-policy-change"));
        Assert.Equal(3, labels.Count(l => l.Detector == "denied-attempt"));
        var score = Scorer.Score(Scenario, wrapper, labels, CheckOutput.Parse(run.Output).Alerts);
        output.WriteLine(ScoreReport.Summary([score]));
        Assert.True(score.Missed.Count == 0 && score.Unexpected.Count == 0 && score.CauseMismatches.Count == 0 && score.PortMismatches.Count == 0,
            "missed: " + string.Join("; ", score.Missed.Select(l => $"{l.Detector} {l.Src} -> {l.Dst}")) + "\nunexpected: " + string.Join("; ", score.Unexpected)
            + "\ncauses: " + string.Join("; ", score.CauseMismatches) + "\nports: " + string.Join("; ", score.PortMismatches));
        Assert.DoesNotContain(score.Alerts, a => a.Detector == "policy-violation");
    }
}
