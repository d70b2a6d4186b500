using System.Text.Json;
using Palisade.Detection.Tests.Scenarios.Audit;
using Palisade.Detection.Tests.Scenarios.Audit.Labels;
using Palisade.Detection.Tests.Scenarios.Audit.State;
using Palisade.Detection.Tests.Scenarios.Audit.Wrappers;
using Palisade.Detection.Tests.Scoring;
using Palisade.Detection.Tests.Scoring.Audit;
using Palisade.Kubernetes;

namespace Palisade.Detection.Tests.Tests.Audit;

/// <summary>The audit generator: deterministic, loadable, every rule labelled, every wrapper well formed, the scorer's arithmetic.</summary>
public sealed class AuditGeneratorTests
{
    public static TheoryData<string> Scenarios() => [.. AuditScenarioCatalog.Names];

    [Fact]
    public void The_same_seed_writes_the_same_bytes()
    {
        var root = Path.Combine(Path.GetTempPath(), "palisade-audit-" + Guid.NewGuid().ToString("N"));
        try
        {
            var one = Path.Combine(root, "one");
            var two = Path.Combine(root, "two");
            AuditScenarioWriter.Write(AuditScenarioCatalog.Build("exposure"), one, new ConnectivityOracle(Path.Combine(root, "w1")));
            AuditScenarioWriter.Write(AuditScenarioCatalog.Build("exposure"), two, new ConnectivityOracle(Path.Combine(root, "w2")));
            var files = Directory.GetFiles(one, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(one, f)).Order().ToList();
            Assert.Equal(files, Directory.GetFiles(two, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(two, f)).Order());
            foreach (var file in files)
                Assert.True(File.ReadAllBytes(Path.Combine(one, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(two, file))), file);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Every_rule_is_labelled_and_every_wrapper_carries_the_same_labels()
    {
        var rules = new HashSet<string>();
        foreach (var name in AuditScenarioCatalog.Names)
        {
            var file = AuditSession.Shared.File(name);
            Assert.Equal(AuditWrapper.All.Count, file.Runs.Count);
            foreach (var run in file.Runs)
                Assert.Equal(file.Runs[0].Alerts, run.Alerts);
            rules.UnionWith(file.Runs[0].Alerts.Select(a => a.Rule));
        }
        Assert.Equal(AuditRules.All.Order(StringComparer.Ordinal), rules.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_cluster_loads_and_every_wrapper_is_JSON(string scenario)
    {
        var dir = AuditSession.Shared.Directory(scenario);
        var loaded = ManifestSource.Load([Path.Combine(dir, "cluster")]);
        Assert.NotEmpty(loaded.Cluster.Network.NetworkPolicies);
        foreach (var w in AuditWrapper.All)
        {
            var text = File.ReadAllText(Path.Combine(dir, "audit", w.FileName));
            if (w is EventListWrapper)
                Assert.Equal("EventList", JsonDocument.Parse(text).RootElement.GetProperty("kind").GetString());
            else
                Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonDocument.Parse(line).Dispose());
        }
    }

    [Fact]
    public void The_file_is_out_of_order_and_requests_have_several_stages()
    {
        var scenario = AuditScenarioCatalog.Get("mixed");
        var events = LoggedEvent.InFileOrder(scenario.Requests, scenario.Seed);
        Assert.Contains(events.Zip(events.Skip(1)), p => p.First.Request.Time > p.Second.Request.Time);
        Assert.Contains(scenario.Requests, r => r.Stages.Count == 3);
        Assert.Contains(scenario.Requests, r => r.DryRun);
        Assert.Contains(scenario.Requests, r => r.Code is 403 or 409 or 422);
    }

    [Fact]
    public void The_scorer_counts_a_repeated_alert_as_unexpected_and_pairs_by_time()
    {
        AuditLabel Label(string time) => new("exec", "alice", "create", "Pod dev/x", time);
        AuditAlert Alert(string time) => new("exec", "alice", "create", "Pod dev/x", time, []);
        var score = AuditScorer.Score("s", "w", [Label("2025-06-03T14:00:01.000000Z"), Label("2025-06-03T14:00:05.000000Z")],
            [Alert("2025-06-03T14:00:05Z"), Alert("2025-06-03T14:00:05Z"), Alert("2025-06-03T14:00:01Z")]);
        Assert.Equal(2, score.Matched);
        Assert.Equal(2, score.TimeExact);
        Assert.Single(score.Unexpected);
        Assert.Equal(new Counts(2, 3, 2), score.Total);
    }

    [Fact]
    public void Connection_sets_subtract_as_np_guard_spells_them()
    {
        Assert.Equal("SCTP 1-65535,TCP 1-9186,9188-65535,UDP 1-65535", ConnSet.Parse("All Connections").Minus(ConnSet.Parse("TCP 9187")).ToString());
        Assert.Equal("TCP 6379", ConnSet.Parse("TCP 5432,6379").Minus(ConnSet.Parse("TCP 5432")).ToString());
        Assert.Equal("SCTP 1-65535,TCP 1-79,81-65535,UDP 53", ConnSet.Parse("SCTP 1-65535,TCP 1-79,81-65535,UDP 53").Minus(null).ToString());
        Assert.True(ConnSet.Parse("TCP 53,UDP 53").Minus(ConnSet.Parse("UDP 53,TCP 53")).IsEmpty);
    }
}
