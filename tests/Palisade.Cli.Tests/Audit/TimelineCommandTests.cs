using System.Text.Json.Nodes;
using Palisade.Testing;
using static Palisade.Testing.AuditLines;

namespace Palisade.Cli.Tests.Audit;

/// <summary><c>palisade timeline</c> (issue 12): each policy-relevant change with the connections it opened and closed, as text and JSON.</summary>
public sealed class TimelineCommandTests : IDisposable
{
    private readonly AuditScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    /// <summary>The text with each change's opened and closed lines sorted (the contract does not order them).</summary>
    private static string Sorted(string text)
    {
        var result = new List<string>();
        var pending = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("  + ", StringComparison.Ordinal) || line.StartsWith("  - ", StringComparison.Ordinal))
            {
                pending.Add(line);
                continue;
            }
            result.AddRange(pending.Order(StringComparer.Ordinal));
            pending.Clear();
            result.Add(line);
        }
        result.AddRange(pending.Order(StringComparer.Ordinal));
        return string.Join("\n", result);
    }

    [Fact]
    public void Text_lists_each_change_with_what_it_opened_and_closed()
    {
        var run = CliRun.Of("timeline", _scenario.Log("night.log", AuditScenario.Night), "--cluster", _scenario.ClusterDirectory);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("""
            2024-05-01T03:00:00Z alice patch Namespace shop
              + shop/debug[Pod] => data/db[StatefulSet] : TCP 5432
              + shop/web[Deployment] => data/db[StatefulSet] : TCP 5432
            2024-05-01T03:05:00Z mallory patch NetworkPolicy data/db
              + shop/debug[Pod] => data/db[StatefulSet] : TCP 9187
              + shop/web[Deployment] => data/db[StatefulSet] : TCP 9187
            2024-05-01T03:10:00Z bob patch Pod shop/debug
              + shop/debug[Pod] => data/cache[Deployment] : TCP 6379
            2024-05-01T03:15:00Z mallory create NetworkPolicy data/metrics
              + 10.1.0.0-10.1.255.255[External] => data/cache[Deployment] : TCP 16379
              + shop/debug[Pod] => data/cache[Deployment] : TCP 16379
            2024-05-01T03:20:00Z alice patch Namespace shop
            2024-05-01T03:30:00Z gitops delete NetworkPolicy data/metrics
              - 10.1.0.0-10.1.255.255[External] => data/cache[Deployment] : TCP 16379
              - shop/debug[Pod] => data/cache[Deployment] : TCP 16379

            """, Sorted(run.Output));
    }

    [Fact]
    public void Json_lists_the_same_changes()
    {
        var run = CliRun.Of("timeline", _scenario.Log("night.log", AuditScenario.Night[2..5]), "--cluster", _scenario.ClusterDirectory, "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var actual = JsonNode.Parse(run.Output)!;
        foreach (var change in actual["changes"]!.AsArray())
        {
            var opened = change!["opened"]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
            change["opened"] = new JsonArray([.. opened.Select(l => (JsonNode)l)]);
        }
        var expected = JsonNode.Parse("""
            {"changes": [
              {"time": "2024-05-01T03:10:00Z", "user": "bob", "verb": "patch", "object": "Pod shop/debug", "known": true,
               "opened": ["shop/debug[Pod] => data/cache[Deployment] : TCP 6379"], "closed": []},
              {"time": "2024-05-01T03:15:00Z", "user": "mallory", "verb": "create", "object": "NetworkPolicy data/metrics", "known": true,
               "opened": ["10.1.0.0-10.1.255.255[External] => data/cache[Deployment] : TCP 16379", "shop/debug[Pod] => data/cache[Deployment] : TCP 16379"],
               "closed": []},
              {"time": "2024-05-01T03:20:00Z", "user": "alice", "verb": "patch", "object": "Namespace shop", "known": true, "opened": [], "closed": []}
            ]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, actual), actual.ToJsonString());
    }

    [Fact]
    public void A_change_recorded_without_its_body_is_unknown()
    {
        // While data/db is unknown, what bob's relabel did depends on it too; once its body is recorded again, changes are known.
        var log = _scenario.Log("metadata.log",
            Event("update", "networkpolicies", "data", "db", level: "Metadata", user: "eve", at: "03:00"),
            Event("patch", "pods", "shop", "debug", request: """{"metadata":{"labels":{"role":"client"}}}""", level: "Request", user: "bob", at: "03:10"),
            Event("delete", "networkpolicies", "data", "db", user: "eve", at: "03:20"),
            Event("patch", "namespaces", name: "shop", request: """{"metadata":{"labels":{"access":"db"}}}""", level: "Request", user: "alice", at: "03:30"));
        var text = CliRun.Of("timeline", log, "--cluster", _scenario.ClusterDirectory);
        Assert.Equal("""
            2024-05-01T03:00:00Z eve update NetworkPolicy data/db
              ? a body was not recorded: what it opened and closed is unknown
            2024-05-01T03:10:00Z bob patch Pod shop/debug
              ? a body was not recorded: what it opened and closed is unknown
            2024-05-01T03:20:00Z eve delete NetworkPolicy data/db
              ? a body was not recorded: what it opened and closed is unknown
            2024-05-01T03:30:00Z alice patch Namespace shop

            """, text.Output);
        var json = JsonNode.Parse(CliRun.Of("timeline", log, "--cluster", _scenario.ClusterDirectory, "-o", "json").Output)!;
        Assert.Equal([false, false, false, true], json["changes"]!.AsArray().Select(c => c!["known"]!.GetValue<bool>()));
        Assert.All(json["changes"]!.AsArray(), c => Assert.Empty(c!["opened"]!.AsArray()));
    }

    [Fact]
    public void Requests_that_changed_nothing_and_other_kinds_are_not_listed()
    {
        var log = _scenario.Log("quiet.log",
            Event("delete", "networkpolicies", "data", "db", code: 403, decision: "forbid", at: "03:00"),
            Event("delete", "networkpolicies", "data", "db", query: "dryRun=All", at: "03:01"),
            Event("create", "clusterroles", request: """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"x"},"rules":[]}""", at: "03:02"),
            Event("get", "pods", "shop", "debug", subresource: "exec", query: "command=sh", code: 101, at: "03:03"));
        var run = CliRun.Of("timeline", log, "--cluster", _scenario.ClusterDirectory);
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Timeline_judges_with_the_engine_options_asked_for()
    {
        var run = CliRun.Of("timeline", _scenario.Log("night.log", AuditScenario.Night[3]), "--cluster", _scenario.ClusterDirectory, "--ipblock-pod-ips", "off");
        Assert.Equal("""
            2024-05-01T03:15:00Z mallory create NetworkPolicy data/metrics
              + 10.1.0.0-10.1.255.255[External] => data/cache[Deployment] : TCP 16379

            """, run.Output);
    }

    [Fact]
    public void The_cluster_is_required()
    {
        var run = CliRun.Of("timeline", _scenario.Log("night.log", AuditScenario.Night));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("--cluster", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_is_dated_by_its_events_timestamp_as_written_as_audit_dates_it()
    {
        // The API server writes six digits: the timeline's time must be found in the log (grep) and match audit's alert.
        var log = _scenario.Log("micro.log",
            Event("patch", "namespaces", name: "shop", request: """{"metadata":{"labels":{"access":"db"}}}""", level: "Request", user: "alice", at: "03:00:00.120000"));

        var text = CliRun.Of("timeline", log, "--cluster", _scenario.ClusterDirectory);
        var json = JsonNode.Parse(CliRun.Of("timeline", log, "--cluster", _scenario.ClusterDirectory, "-o", "json").Output)!;
        var audit = JsonNode.Parse(CliRun.Of("audit", log, "--cluster", _scenario.ClusterDirectory, "-o", "json").Output)!;

        Assert.StartsWith("2024-05-01T03:00:00.120000Z alice patch Namespace shop\n", text.Output, StringComparison.Ordinal);
        Assert.Equal("2024-05-01T03:00:00.120000Z", json["changes"]![0]!["time"]!.GetValue<string>());
        Assert.Equal("2024-05-01T03:00:00.120000Z", audit["alerts"]![0]!["time"]!.GetValue<string>());
    }
}
