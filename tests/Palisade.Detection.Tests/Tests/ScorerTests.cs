using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Labels;
using Palisade.Detection.Tests.Scoring;

namespace Palisade.Detection.Tests.Tests;

/// <summary>The scorer's matching and arithmetic.</summary>
public sealed class ScorerTests
{
    private static Label L(string detector, string src, string dst, string protocol = "TCP", params int[] ports) => new(detector, src, dst, protocol, ports);

    private static ObservedAlert A(string detector, string src, string dst, string protocol = "TCP", params int[] ports) => new(detector, src, dst, protocol, ports);

    [Fact]
    public void Matches_on_detector_src_dst_and_protocol()
    {
        var score = Scorer.Score("s", "f",
            [L("port-scan", "dev/a[Deployment]", "*", "TCP", 22), L("internet-egress", "dev/a[Deployment]", "8.8.8.8", "UDP", 53)],
            [A("port-scan", "dev/a[Deployment]", "*", "TCP", 22), A("internet-egress", "dev/a[Deployment]", "8.8.8.8", "TCP", 53)]);
        Assert.Single(score.Matched);
        Assert.Equal("internet-egress", Assert.Single(score.Missed).Detector);
        Assert.Equal("TCP", Assert.Single(score.Unexpected).Protocol);
        Assert.Equal(new Counts(2, 2, 1), score.Total);
        Assert.Equal(0.5, score.Total.Recall);
        Assert.Equal(0.5, score.Total.Precision);
    }

    [Fact]
    public void Protocol_case_does_not_matter_names_do()
    {
        var score = Scorer.Score("s", "f", [L("plaintext", "shop/a[Deployment]", "shop/b[Deployment]")],
            [A("plaintext", "shop/a[Deployment]", "shop/b[Deployment]", "tcp"), A("plaintext", "shop/A[Deployment]", "shop/b[Deployment]")]);
        Assert.Single(score.Matched);
        Assert.Single(score.Unexpected);
    }

    [Fact]
    public void Repeated_alerts_count_once_and_are_reported_as_duplicates()
    {
        var score = Scorer.Score("s", "f", [L("denied-attempt", "a", "b", "TCP", 1, 2)],
            [A("denied-attempt", "a", "b", "TCP", 1), A("denied-attempt", "a", "b", "TCP", 2)]);
        Assert.Equal(new Counts(1, 1, 1), score.Total);
        Assert.Equal(1, score.Duplicates);
        Assert.Empty(score.PortMismatches);
    }

    [Fact]
    public void Counts_are_summed_over_a_keys_alerts_and_compared_where_labelled()
    {
        var score = Scorer.Score("s", "f",
            [L("denied-attempt", "a", "b") with { Count = 3 }, L("denied-attempt", "a", "c") with { Count = 2 }, L("port-scan", "a", "d")],
            [A("denied-attempt", "a", "b") with { Count = 2 }, A("denied-attempt", "a", "b") with { Count = 1 },
             A("denied-attempt", "a", "c") with { Count = 4 }, A("port-scan", "a", "d") with { Count = 40 }]);
        Assert.Equal(3, score.Matched.Count);
        Assert.Equal(2, score.CountLabels);
        var mismatch = Assert.Single(score.CountMismatches);
        Assert.Contains("a -> c", mismatch, StringComparison.Ordinal);
        Assert.Contains("count 4, 2 connections", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public void Ports_are_checked_as_a_subset_of_the_reported_ports()
    {
        var score = Scorer.Score("s", "f",
            [L("policy-violation", "a", "b", "TCP", 8080), L("port-scan", "a", "c", "TCP", 21, 22, 23)],
            [A("policy-violation", "a", "b", "TCP", 8080, 9090), A("port-scan", "a", "c", "TCP", 21, 22)]);
        Assert.Equal(2, score.Matched.Count);
        var mismatch = Assert.Single(score.PortMismatches);
        Assert.Contains("port-scan", mismatch, StringComparison.Ordinal);
        Assert.Contains("23", mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public void Causes_compare_times_as_instants()
    {
        var cause = new LabelCause("2025-06-03T14:05:00.125000Z", "mallory", "create", "NetworkPolicy data/x");
        var label = L("via-policy-change", "a", "b") with { Cause = cause };
        var same = Scorer.Score("s", "f", [label], [A("via-policy-change", "a", "b") with { Cause = cause with { Time = "2025-06-03T16:05:00.125+02:00" } }]);
        Assert.Empty(same.CauseMismatches);
        var other = Scorer.Score("s", "f", [label], [A("via-policy-change", "a", "b") with { Cause = cause with { Verb = "patch" } }]);
        Assert.Single(other.CauseMismatches);
        var none = Scorer.Score("s", "f", [label], [A("via-policy-change", "a", "b")]);
        Assert.Single(none.CauseMismatches);
    }

    [Fact]
    public void Empty_sides_score_one_and_a_failed_run_scores_zero_recall()
    {
        Assert.Equal(1.0, new Counts(0, 0, 0).Recall);
        Assert.Equal(1.0, new Counts(0, 0, 0).Precision);
        var failed = Scorer.Score("s", "f", [L("port-scan", "a", "*")], [], "flows check exited 2");
        Assert.Equal(0.0, failed.Total.Recall);
        Assert.Equal(1.0, failed.Total.Precision);
        Assert.Equal("flows check exited 2", failed.Error);
    }

    [Fact]
    public void Counts_add_up_per_detector_and_micro_average()
    {
        var score = Scorer.Score("s", "f",
            [L("port-scan", "a", "*"), L("port-scan", "b", "*"), L("internet-egress", "a", "1.1.1.1")],
            [A("port-scan", "a", "*"), A("metadata-access", "a", "169.254.169.254")]);
        Assert.Equal(new Counts(2, 1, 1), score.ByDetector["port-scan"]);
        Assert.Equal(new Counts(1, 0, 0), score.ByDetector["internet-egress"]);
        Assert.Equal(new Counts(0, 1, 0), score.ByDetector["metadata-access"]);
        var sum = new Counts(2, 1, 1) + new Counts(1, 3, 1);
        Assert.Equal(new Counts(3, 4, 2), sum);
        Assert.Equal(2.0 / 3, sum.Recall, 10);
        Assert.Equal(0.5, sum.Precision, 10);
    }

    [Fact]
    public void Two_labels_with_one_key_are_a_generator_bug()
    {
        Assert.Throws<ArgumentException>(() => Scorer.Score("s", "f", [L("port-scan", "a", "*"), L("port-scan", "a", "*", "tcp")], []));
    }

    [Fact]
    public void Parses_the_contract_json_and_reports_shape_problems()
    {
        const string json = """
            {"flows": 12, "unresolved": 0, "alerts": [
              {"detector": "via-policy-change", "severity": "high", "src": "dev/t[Deployment]", "dst": "data/p[StatefulSet]", "protocol": "TCP",
               "ports": [5432], "first": "2025-06-03T14:05:20Z", "last": "2025-06-03T14:09:20Z", "count": 4, "message": "m", "policies": [],
               "attack": ["T1562"], "cause": {"time": "2025-06-03T14:05:00.125Z", "user": "mallory", "verb": "create", "object": "NetworkPolicy data/x"}},
              {"detector": "port-scan", "src": "dev/t[Deployment]", "dst": "*", "protocol": "TCP", "ports": ["22"], "first": "yesterday"}
            ]}
            """;
        var output = CheckOutput.Parse(json);
        Assert.Equal(12, output.Flows);
        Assert.Equal(2, output.Alerts.Count);
        Assert.Equal("mallory", output.Alerts[0].Cause!.User);
        Assert.Equal([5432], output.Alerts[0].Ports);
        Assert.Empty(output.Alerts[1].Ports);
        Assert.Contains(output.ShapeProblems, p => p.Contains("alerts[1]: no \"severity\"", StringComparison.Ordinal));
        Assert.Contains(output.ShapeProblems, p => p.Contains("not an RFC 3339", StringComparison.Ordinal));
        Assert.Contains(output.ShapeProblems, p => p.Contains("not an integer", StringComparison.Ordinal));
        Assert.Throws<FormatException>(() => CheckOutput.Parse("""{"flows": 1}"""));
    }

    [Fact]
    public void The_report_has_every_table_and_lists_the_differences()
    {
        var a = Scorer.Score("a-port-scan", "hubble", [L("port-scan", "x", "*", "TCP", 22)], [A("port-scan", "x", "*", "TCP", 22)]);
        var b = Scorer.Score("a-port-scan", "csv", [L("port-scan", "x", "*", "TCP", 22)], [A("internet-egress", "x", "1.1.1.1")]);
        var markdown = ScoreReport.Markdown([a, b]);
        foreach (var heading in new[] { "## Overall", "## Per detector", "## Per format", "## Per run", "### a-port-scan/csv" })
            Assert.Contains(heading, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("### a-port-scan/hubble", markdown, StringComparison.Ordinal);
        Assert.Contains("| port-scan | 2 | 1 | 1 | 1 | 0 | 50.0% | 100.0% |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2 | 0 | 2 | 2 | 1 | 50.0% | 50.0% |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_generated_run_scores_perfectly_against_its_own_labels_written_as_contract_json()
    {
        foreach (var (name, file) in DetectionSession.Shared.Files)
        {
            foreach (var run in file.Runs)
            {
                var output = CheckOutput.Parse(AsContractJson(run.Alerts));
                Assert.Empty(output.ShapeProblems);
                var score = Scorer.Score(name, run.Format, run.Alerts, output.Alerts);
                Assert.Equal(new Counts(run.Alerts.Count, run.Alerts.Count, run.Alerts.Count), score.Total);
                Assert.Empty(score.PortMismatches);
                Assert.Empty(score.CauseMismatches);
            }
        }
    }

    /// <summary>Labels as <c>flows check -o json</c> would print them, every contract field present.</summary>
    private static string AsContractJson(IReadOnlyList<Label> labels)
    {
        var alerts = new JsonArray();
        foreach (var l in labels)
        {
            var alert = Json.Obj(("detector", l.Detector), ("severity", "medium"), ("src", l.Src), ("dst", l.Dst), ("protocol", l.Protocol),
                ("ports", Json.Arr(l.Ports.Select(p => (JsonNode?)p))), ("first", "2025-06-03T14:00:00Z"), ("last", "2025-06-03T14:10:00Z"), ("count", 1),
                ("message", "m"), ("policies", new JsonArray()), ("attack", Json.Arr("T1046")));
            if (l.Cause is { } c)
                alert["cause"] = Json.Obj(("time", c.Time), ("user", c.User), ("verb", c.Verb), ("object", c.Object));
            alerts.Add(alert);
        }
        return Json.Obj(("flows", 100), ("unresolved", 0), ("alerts", alerts)).ToJsonString();
    }
}
