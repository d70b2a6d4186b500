using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Palisade.Testing;
using static Palisade.Testing.AuditLines;

namespace Palisade.Cli.Tests.Audit;

/// <summary>
/// <c>palisade audit</c> (PRODUCT.md, Detection): exit codes, bad input, and every output format, on the night of
/// <see cref="AuditScenario"/>.
/// </summary>
public sealed class AuditCommandTests : IDisposable
{
    private static readonly string[] AlertFields = ["rule", "severity", "time", "user", "verb", "object", "message", "opened", "attack"];

    private readonly AuditScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private string Night() => _scenario.Log("night.log", AuditScenario.Night);

    private CliRun Audit(params string[] args) => CliRun.Of(["audit", .. args]);

    /// <summary>The document with every <c>opened</c> list sorted (the contract does not order them).</summary>
    private static JsonNode Sorted(string json)
    {
        var document = JsonNode.Parse(json)!;
        foreach (var alert in document["alerts"]!.AsArray())
        {
            var opened = alert!["opened"]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
            alert["opened"] = new JsonArray([.. opened.Select(l => (JsonNode)l)]);
        }
        return document;
    }

    [Fact]
    public void Json_is_the_contract_document()
    {
        var run = Audit(Night(), "--cluster", _scenario.ClusterDirectory, "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var expected = JsonNode.Parse("""
            {"events": 7, "alerts": [
              {"rule": "label-change-opened", "severity": "high", "time": "2024-05-01T03:00:00Z", "user": "alice", "verb": "patch",
               "object": "Namespace shop", "message": "alice changed the labels of Namespace shop ( → access=db); it opened 2 connections",
               "opened": ["shop/debug[Pod] => data/db[StatefulSet] : TCP 5432", "shop/web[Deployment] => data/db[StatefulSet] : TCP 5432"],
               "attack": ["T1562.007"]},
              {"rule": "network-policy-tampering", "severity": "high", "time": "2024-05-01T03:05:00Z", "user": "mallory", "verb": "patch",
               "object": "NetworkPolicy data/db", "message": "mallory patched NetworkPolicy data/db; it opened 2 connections",
               "opened": ["shop/debug[Pod] => data/db[StatefulSet] : TCP 9187", "shop/web[Deployment] => data/db[StatefulSet] : TCP 9187"],
               "attack": ["T1562.007"]},
              {"rule": "label-change-opened", "severity": "high", "time": "2024-05-01T03:10:00Z", "user": "bob", "verb": "patch",
               "object": "Pod shop/debug", "message": "bob changed the labels of Pod shop/debug (app=debug → app=debug,role=client); it opened 1 connection",
               "opened": ["shop/debug[Pod] => data/cache[Deployment] : TCP 6379"],
               "attack": ["T1562.007"]},
              {"rule": "network-policy-tampering", "severity": "high", "time": "2024-05-01T03:15:00Z", "user": "mallory", "verb": "create",
               "object": "NetworkPolicy data/metrics", "message": "mallory created NetworkPolicy data/metrics; it opened 2 connections",
               "opened": ["10.1.0.0-10.1.255.255[External] => data/cache[Deployment] : TCP 16379", "shop/debug[Pod] => data/cache[Deployment] : TCP 16379"],
               "attack": ["T1562.007"]},
              {"rule": "exec", "severity": "medium", "time": "2024-05-01T03:25:00Z", "user": "mallory", "verb": "create",
               "object": "Pod shop/debug", "message": "mallory ran a command in Pod shop/debug (sh)", "opened": [], "attack": ["T1609"]},
              {"rule": "network-policy-tampering", "severity": "high", "time": "2024-05-01T03:30:00Z", "user": "gitops", "verb": "delete",
               "object": "NetworkPolicy data/metrics", "message": "gitops deleted NetworkPolicy data/metrics; it opened no connection",
               "opened": [], "attack": ["T1562.007"]}
            ]}
            """);
        var actual = Sorted(run.Output);
        Assert.True(JsonNode.DeepEquals(expected, actual), actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    [Fact]
    public void Each_alert_has_exactly_the_contract_fields_in_order()
    {
        var run = Audit(Night(), "--cluster", _scenario.ClusterDirectory, "-o", "json");
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(["events", "alerts"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.All(json.RootElement.GetProperty("alerts").EnumerateArray(),
            a => Assert.Equal(AlertFields, a.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public void Trusted_users_exempt_tampering_only()
    {
        var run = Audit(Night(), "--cluster", _scenario.ClusterDirectory, "-o", "json", "--trusted-users", "gitops,mallory", "--trusted-users", "nobody");
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(["label-change-opened alice", "label-change-opened bob", "exec mallory"],
            json.RootElement.GetProperty("alerts").EnumerateArray().Select(a => $"{a.GetProperty("rule").GetString()} {a.GetProperty("user").GetString()}"));
    }

    [Fact]
    public void Trusted_users_take_patterns_and_groups()
    {
        var run = Audit(Night(), "--cluster", _scenario.ClusterDirectory, "-o", "json", "--trusted-users", "git*,group:system:authenticated");
        using var json = JsonDocument.Parse(run.Output);
        Assert.DoesNotContain(json.RootElement.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("rule").GetString() == "network-policy-tampering");
        var partial = Audit(Night(), "--cluster", _scenario.ClusterDirectory, "-o", "json", "--trusted-users", "git*");
        using var some = JsonDocument.Parse(partial.Output);
        Assert.Equal(["mallory"], some.RootElement.GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("rule").GetString() == "network-policy-tampering").Select(a => a.GetProperty("user").GetString()).Distinct());
    }

    [Fact]
    public void A_workload_template_relabel_that_opens_connections_is_a_label_change()
    {
        // The cluster's web Deployment has no pods listed: its pods are its template's. The cache admits pods labelled
        // role=client on 6379; kubectl set image keeps the container (and its port) while the template is relabelled.
        var log = _scenario.Log("relabel.log",
            Event("patch", "deployments", "shop", "web", request: """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"name":"web","image":"nginx:2"}]}}}}""", level: "Request", user: "carol", at: "03:00"),
            Event("patch", "deployments", "shop", "web", request: """{"spec":{"template":{"metadata":{"labels":{"role":"client"}}}}}""", level: "Request", user: "carol", at: "03:01"));
        var run = Audit(log, "--cluster", _scenario.ClusterDirectory, "-o", "json");
        var alert = Assert.Single(JsonNode.Parse(run.Output)!["alerts"]!.AsArray())!;
        Assert.Equal(("label-change-opened", "Deployment shop/web", "patch"), (alert["rule"]!.GetValue<string>(), alert["object"]!.GetValue<string>(), alert["verb"]!.GetValue<string>()));
        Assert.Equal(["shop/web[Deployment] => data/cache[Deployment] : TCP 6379"], alert["opened"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public void Without_a_cluster_request_level_patches_and_unnamed_creates_are_judged_on_what_they_send()
    {
        // The recommended audit policies log writes at Request level: no response body, and without --cluster no previous one.
        var log = _scenario.Log("patches.log",
            Event("patch", "services", "shop", "web", request: """{"spec":{"type":"LoadBalancer"}}""", level: "Request", user: "carol", at: "03:00"),
            Event("patch", "daemonsets", "shop", "agent", request: """[{"op":"add","path":"/spec/template/spec/hostNetwork","value":true}]""", level: "Request", user: "carol", at: "03:01"),
            Event("create", "pods", "shop", request: """{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"dbg-","namespace":"shop"},"spec":{"hostNetwork":true,"containers":[{"name":"c","image":"busybox"}]}}""", level: "Request", user: "carol", at: "03:02"));
        var run = Audit(log, "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["exposure-change patch Service shop/web", "host-network-pod patch DaemonSet shop/agent", "host-network-pod create Pod shop/*"],
            JsonNode.Parse(run.Output)!["alerts"]!.AsArray().Select(a => $"{a!["rule"]} {a["verb"]} {a["object"]}"));
    }

    [Fact]
    public void Removing_the_label_a_deny_admin_policy_selected_opens_what_it_denied()
    {
        // gitops (trusted) quarantines pods labelled quarantine=true: every egress to pods denied. bob labels the debug pod
        // role=client and quarantine=true (the cache would admit role=client, the tier denies it first); alice removes the
        // quarantine label: the debug pod reaches the cache on 6379 and web (not isolated), and not db (shop lacks access=db).
        const string quarantine = """
            {"apiVersion":"policy.networking.k8s.io/v1alpha1","kind":"AdminNetworkPolicy","metadata":{"name":"quarantine"},
             "spec":{"priority":5,"subject":{"pods":{"namespaceSelector":{},"podSelector":{"matchLabels":{"quarantine":"true"}}}},
                     "egress":[{"name":"deny","action":"Deny","to":[{"namespaces":{}}]}]}}
            """;
        var log = _scenario.Log("quarantine.log",
            Event("create", "adminnetworkpolicies", request: quarantine, level: "Request", user: "gitops", at: "02:59"),
            Event("patch", "pods", "shop", "debug", request: """{"metadata":{"labels":{"role":"client","quarantine":"true"}}}""", level: "Request", user: "bob", at: "03:00"),
            Event("patch", "pods", "shop", "debug", request: """[{"op":"remove","path":"/metadata/labels/quarantine"}]""", level: "Request", user: "alice", at: "03:01"));
        var run = Audit(log, "--cluster", _scenario.ClusterDirectory, "--trusted-users", "gitops", "-o", "json");
        var alert = Assert.Single(JsonNode.Parse(run.Output)!["alerts"]!.AsArray())!;
        Assert.Equal(("label-change-opened", "alice", "Pod shop/debug"), (alert["rule"]!.GetValue<string>(), alert["user"]!.GetValue<string>(), alert["object"]!.GetValue<string>()));
        Assert.Equal(["shop/debug[Pod] => data/cache[Deployment] : TCP 6379", "shop/debug[Pod] => shop/web[Deployment] : All Connections"],
            alert["opened"]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_change_whose_effect_is_unknown_says_so_and_opens_nothing()
    {
        var update = _scenario.Log("update.log", Event("update", "networkpolicies", "data", "db", level: "Metadata", at: "03:00"));
        var unknown = JsonNode.Parse(Audit(update, "--cluster", _scenario.ClusterDirectory, "-o", "json").Output)!["alerts"]![0]!;
        Assert.Equal("mallory updated NetworkPolicy data/db; what it opened is unknown (the request was recorded without its body)", unknown["message"]!.GetValue<string>());
        Assert.Empty(unknown["opened"]!.AsArray());

        // A delete needs no body: what default-deny held is known from the cluster, so what its deletion opened is too:
        // data's egress (its ingress stays closed by the db and cache policies).
        var delete = _scenario.Log("delete.log", Event("delete", "networkpolicies", "data", "default-deny", level: "Metadata", at: "03:01"));
        var known = JsonNode.Parse(Audit(delete, "--cluster", _scenario.ClusterDirectory, "-o", "json").Output)!["alerts"]![0]!;
        Assert.Equal("mallory deleted NetworkPolicy data/default-deny; it opened 6 connections", known["message"]!.GetValue<string>());
        Assert.Equal(
            [
                "data/cache[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections",
                "data/cache[Deployment] => shop/debug[Pod] : All Connections",
                "data/cache[Deployment] => shop/web[Deployment] : All Connections",
                "data/db[StatefulSet] => 0.0.0.0-255.255.255.255[External] : All Connections",
                "data/db[StatefulSet] => shop/debug[Pod] : All Connections",
                "data/db[StatefulSet] => shop/web[Deployment] : All Connections",
            ],
            known["opened"]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal));

        // From nothing, a policy never seen before has an unknown past; a pod never seen cannot be judged either.
        var fromNothing = JsonNode.Parse(Audit(_scenario.Log("night.log", AuditScenario.Night[..3]), "-o", "json").Output)!["alerts"]!.AsArray();
        var alert = Assert.Single(fromNothing);
        Assert.Equal("mallory patched NetworkPolicy data/db; what it opened is unknown (its state before the request is unknown)", alert!["message"]!.GetValue<string>());
        Assert.Empty(alert["opened"]!.AsArray());
    }

    [Fact]
    public void The_time_is_when_the_request_was_received_in_UTC()
    {
        var offset = Event("get", "pods", "shop", "debug", subresource: "exec", query: "command=id", code: 101, at: "03:00")
            .Replace("\"requestReceivedTimestamp\":\"2024-05-01T03:00:00Z\"", "\"requestReceivedTimestamp\":\"2024-05-01T05:12:30.123456+02:00\"", StringComparison.Ordinal)
            .Replace("\"stageTimestamp\":\"2024-05-01T03:00:00Z\"", "\"stageTimestamp\":\"2024-05-01T03:20:00Z\"", StringComparison.Ordinal);
        var run = Audit(_scenario.Log("offset.log", offset), "-o", "json");
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("2024-05-01T03:12:30.123456Z", json.RootElement.GetProperty("alerts")[0].GetProperty("time").GetString());
    }

    [Fact]
    public void Events_are_counted_after_unwrapping_event_lists()
    {
        var items = string.Join(",", AuditScenario.Night[..3]);
        var list = _scenario.Text("batch.json", $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[{{items}}]}""" + "\n");
        var lines = _scenario.Log("lines.log", AuditScenario.Night[3..]);
        var run = Audit(list, lines, "--cluster", _scenario.ClusterDirectory, "-o", "json");
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(7, json.RootElement.GetProperty("events").GetInt32());
        Assert.Equal(6, json.RootElement.GetProperty("alerts").GetArrayLength());
    }

    [Fact]
    public void A_compressed_log_and_standard_input_are_read()
    {
        var path = _scenario.Text("night.log.gz", "");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
            writer.Write(Log(AuditScenario.Night));
        var compressed = Audit(path, "-o", "json");
        var standardInput = CliRun.WithInput(Log(AuditScenario.Night), "audit", "-", "-o", "json");
        Assert.True(compressed.ExitCode == 0, compressed.Error);
        Assert.Equal(Audit(Night(), "-o", "json").Output, compressed.Output);
        Assert.Equal(compressed.Output, standardInput.Output);
    }

    [Fact]
    public void Jsonl_writes_each_alert_of_the_json_document_on_its_own_line()
    {
        var json = Audit(Night(), "--cluster", _scenario.ClusterDirectory, "-o", "json");
        var jsonl = Audit(Night(), "--cluster", _scenario.ClusterDirectory, "-o", "jsonl");
        Assert.Equal(0, jsonl.ExitCode);
        var lines = jsonl.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var alerts = JsonNode.Parse(json.Output)!["alerts"]!.AsArray();
        Assert.Equal(alerts.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
            Assert.True(JsonNode.DeepEquals(alerts[i], JsonNode.Parse(lines[i])), lines[i]);
    }

    [Fact]
    public void Sarif_validates_and_puts_each_alert_on_its_log_line()
    {
        var run = Audit(Night(), "--cluster", _scenario.ClusterDirectory, "-o", "sarif");
        Assert.Equal(0, run.ExitCode);
        SarifSchemaTests.AssertValid(run.Output);
        using var sarif = JsonDocument.Parse(run.Output);
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(6, results.Length);
        var exec = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "PAL903");
        var location = exec.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.EndsWith("night.log", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(["PAL901", "PAL901", "PAL901", "PAL902", "PAL902", "PAL903"], results.Select(r => r.GetProperty("ruleId").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_sarif_result_carries_the_alerts_fields_in_its_property_bag()
    {
        // As flows check's results do: code-scanning tools and scripts read the contract's fields from the properties.
        var run = Audit(Night(), "--cluster", _scenario.ClusterDirectory, "-o", "sarif");
        using var sarif = JsonDocument.Parse(run.Output);
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToArray();
        var exec = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "PAL903").GetProperty("properties");
        Assert.Equal(
            ["exec", "2024-05-01T03:25:00Z", "mallory", "create", "Pod shop/debug", "", "medium"],
            new[] { "rule", "time", "user", "verb", "object", "opened", "severity" }.Select(name => exec.GetProperty(name).GetString()));
        Assert.NotEqual("", exec.GetProperty("attack").GetString());
        Assert.Contains(results, r => r.GetProperty("properties").GetProperty("opened").GetString() is { Length: > 0 } opened && opened.Contains(" => ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sarif_rule_without_references_has_no_references_heading()
    {
        var run = Audit(Night(), "--cluster", _scenario.ClusterDirectory, "-o", "sarif");
        using var sarif = JsonDocument.Parse(run.Output);
        var rules = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();
        Assert.NotEmpty(rules);
        Assert.All(rules, rule => Assert.DoesNotMatch(@"References:\s*$", rule.GetProperty("help").GetProperty("text").GetString()!));
    }

    [Fact]
    public void Markdown_is_a_findings_table()
    {
        var run = Audit(Night(), "--cluster", _scenario.ClusterDirectory, "-o", "md");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.Contains("## Palisade audit", lines);
        Assert.Contains("6 findings: 5 high, 1 medium (8 checks).", lines);
        var exec = Assert.Single(lines, l => l.Contains("PAL903", StringComparison.Ordinal)).Split(" | ");
        Assert.Equal(["| medium", "PAL903 exec", "mallory create Pod shop/debug"], exec[..3]);
        Assert.EndsWith("night.log:6", exec[3], StringComparison.Ordinal);
        Assert.Equal("mallory ran a command in Pod shop/debug (sh) [2024-05-01T03:25:00Z] |", exec[4]);
        Assert.Equal(6, lines.Count(l => l.StartsWith("| high |", StringComparison.Ordinal) || l.StartsWith("| medium |", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_default_table_lists_every_alert()
    {
        var run = Audit(Night(), "--cluster", _scenario.ClusterDirectory);
        Assert.Equal(0, run.ExitCode);
        foreach (var id in new[] { "PAL901", "PAL902", "PAL903" })
            Assert.Contains(id, run.Output, StringComparison.Ordinal);
        Assert.Contains("6 findings: 5 high, 1 medium", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void No_alert_is_an_empty_list()
    {
        var run = Audit(_scenario.Log("quiet.log", Event("get", "pods", "shop", "debug", user: "alice")), "-o", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"events":1,"alerts":[]}"""), JsonNode.Parse(run.Output)));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("critical", 0)]
    [InlineData("high", 1)]
    [InlineData("medium", 1)]
    [InlineData("info", 1)]
    public void Fail_on_exits_1_when_an_alert_is_that_severe(string? failOn, int exitCode)
    {
        var args = new List<string> { Night(), "--cluster", _scenario.ClusterDirectory, "-o", "json" };
        if (failOn is not null)
            args.AddRange(["--fail-on", failOn]);
        var run = Audit([.. args]);
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(6, JsonNode.Parse(run.Output)!["alerts"]!.AsArray().Count);
    }

    [Fact]
    public void Fail_on_high_passes_when_the_worst_alert_is_medium()
    {
        var log = _scenario.Log("exec.log", AuditScenario.Night[5]);
        Assert.Equal(0, Audit(log, "--fail-on", "high").ExitCode);
        Assert.Equal(1, Audit(log, "--fail-on", "medium").ExitCode);
    }

    [Fact]
    public void A_missing_log_is_one_line_and_exit_2()
    {
        var missing = Path.Combine(_scenario.ClusterDirectory, "no-such.log");
        var run = Audit(missing, "-o", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(missing, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_cluster_is_one_line_and_exit_2()
    {
        var run = Audit(Night(), "--cluster", Path.Combine(_scenario.ClusterDirectory, "nowhere"));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_line_is_skipped_with_a_warning_naming_file_and_line()
    {
        var log = _scenario.Log("broken.log", AuditScenario.Night[0], """{"kind":"Event","auditID": oops}""", AuditScenario.Night[5]);
        var run = Audit(log, "--cluster", _scenario.ClusterDirectory, "-o", "json");
        Assert.Equal(0, run.ExitCode);
        var warning = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"warning: {log}:2:", warning, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(2, json.RootElement.GetProperty("events").GetInt32());
        Assert.Equal(["label-change-opened", "exec"], json.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("rule").GetString()));
    }

    [Fact]
    public void A_log_whose_every_line_is_malformed_is_one_line_and_exit_2_not_an_empty_report()
    {
        var log = _scenario.Log("not-audit.log", """{"kind":"Event","auditID": oops}""", """{"apiVersion":"v1","kind":"Pod"}""");
        var run = Audit(log, "--cluster", _scenario.ClusterDirectory, "-o", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {log}: no audit event could be read: 2 malformed; the first: {log}:1:", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Core_events_as_kubectl_get_events_writes_them_are_no_audit_log_not_an_empty_report()
    {
        // Sixteenth audit review: a core Event's "message" made it look like a CloudWatch Logs event whose message is not
        // JSON, skipped on purpose, so `kubectl get events -o json` given for the audit log read as 0 events and no alerts.
        var events = _scenario.Text("events.json", """
            {"apiVersion":"v1","kind":"List","metadata":{},"items":[
              {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.1","namespace":"shop"},"involvedObject":{"kind":"Pod","name":"web","namespace":"shop"},
               "reason":"Scheduled","message":"Successfully assigned shop/web to node-1","type":"Normal","firstTimestamp":"2024-05-01T03:00:00Z"},
              {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.2","namespace":"shop"},"involvedObject":{"kind":"Pod","name":"web","namespace":"shop"},
               "reason":"Pulled","message":"Container image already present","type":"Normal","firstTimestamp":"2024-05-01T03:00:01Z"}]}
            """);
        var run = Audit(events, "--cluster", _scenario.ClusterDirectory, "-o", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {events}: no audit event could be read: 2 malformed; the first: {events}:", line, StringComparison.Ordinal);
        Assert.Contains("not an audit event: apiVersion v1 (a core Event?)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_without_auditIDs_is_read_and_its_exec_raised_with_one_warning()
    {
        // Hand-written or minimally generated logs leave auditID out, some also requestReceivedTimestamp: the file was
        // refused as holding no audit event.
        var log = _scenario.Log("lazy.log",
            """{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseComplete","verb":"create","user":{"username":"alice"},"objectRef":{"resource":"pods","namespace":"shop","name":"debug","subresource":"exec"},"responseStatus":{"code":101},"stageTimestamp":"2024-05-01T04:00:00Z"}""",
            """{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","verb":"list","user":{"username":"bob"},"objectRef":{"resource":"secrets"},"requestReceivedTimestamp":"2024-05-01T04:01:00Z"}""");
        var run = Audit(log, "--cluster", _scenario.ClusterDirectory, "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var warning = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"warning: {log}: 2 audit events without auditID", warning, StringComparison.Ordinal);
        var json = JsonNode.Parse(run.Output)!;
        Assert.Equal(2, json["events"]!.GetValue<int>());
        var alerts = json["alerts"]!.AsArray();
        Assert.Equal(["exec", "secret-access"], alerts.Select(a => a!["rule"]!.GetValue<string>()));
        Assert.Equal(("2024-05-01T04:00:00Z", "alice", "Pod shop/debug"),
            (alerts[0]!["time"]!.GetValue<string>(), alerts[0]!["user"]!.GetValue<string>(), alerts[0]!["object"]!.GetValue<string>()));
    }

    [Fact]
    public void Strict_stops_at_the_malformed_line_naming_file_and_line()
    {
        var log = _scenario.Log("broken.log", AuditScenario.Night[0], """{"kind":"Event","auditID": oops}""", AuditScenario.Night[5]);
        var run = Audit(log, "--strict", "-o", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {log}:2:", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_namespace_the_manifests_only_imply_is_relabelled_from_no_labels()
    {
        // Manifests often leave their namespaces out (the corpus' Online Boutique does): connectivity reads them as
        // namespaces without labels, so labelling one is judged from there, as connectivity before and after says.
        var cluster = _scenario.Text("implied.yaml", string.Join("\n---\n", AuditScenario.Cluster.Split("\n---\n").Where(d => !d.Contains("kind: Namespace", StringComparison.Ordinal))));
        var log = _scenario.Log("label.log", AuditScenario.Night[0]);
        var run = Audit(log, "--cluster", cluster, "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var alert = Assert.Single(JsonNode.Parse(run.Output)!["alerts"]!.AsArray())!;
        Assert.Equal(("label-change-opened", "Namespace shop"), (alert["rule"]!.GetValue<string>(), alert["object"]!.GetValue<string>()));
        Assert.Equal(["shop/debug[Pod] => data/db[StatefulSet] : TCP 5432", "shop/web[Deployment] => data/db[StatefulSet] : TCP 5432"],
            alert["opened"]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Relabelling_replicas_one_by_one_opens_at_workload_granularity_once()
    {
        // kubectl label pods -l app=web role=client patches each replica: the first opens web's path to the cache, the
        // second opens nothing more at workload granularity, so it raises nothing.
        static string Replica(string name, string ip) => $$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{name}}
              namespace: shop
              labels: {app: web, pod-template-hash: 6d4f8}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-6d4f8, uid: u1, controller: true}]
            spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
            status: {podIP: {{ip}}, podIPs: [{ip: {{ip}}}]}
            """;
        const string ReplicaSet = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-6d4f8
              namespace: shop
              ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u0, controller: true}]
            spec:
              selector: {matchLabels: {app: web, pod-template-hash: 6d4f8}}
              template:
                metadata: {labels: {app: web, pod-template-hash: 6d4f8}}
                spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
            """;
        var cluster = _scenario.Text("replicas.yaml", string.Join("\n---\n", AuditScenario.Cluster, ReplicaSet, Replica("web-6d4f8-abcde", "10.1.0.10"), Replica("web-6d4f8-fghij", "10.1.0.11")));
        var log = _scenario.Log("replicas.log",
            Event("patch", "pods", "shop", "web-6d4f8-abcde", request: """{"metadata":{"labels":{"role":"client"}}}""", level: "Request", user: "alice", at: "03:00"),
            Event("patch", "pods", "shop", "web-6d4f8-fghij", request: """{"metadata":{"labels":{"role":"client"}}}""", level: "Request", user: "alice", at: "03:01"));
        var run = Audit(log, "--cluster", cluster, "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var alert = Assert.Single(JsonNode.Parse(run.Output)!["alerts"]!.AsArray())!;
        Assert.Equal(("label-change-opened", "Pod shop/web-6d4f8-abcde"), (alert["rule"]!.GetValue<string>(), alert["object"]!.GetValue<string>()));
        Assert.Equal(["shop/web[Deployment] => data/cache[Deployment] : TCP 6379"], alert["opened"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public void A_directory_is_refused_naming_it()
    {
        // The contract takes LOG-FILE... (PATH, a file or a directory, is the cluster's): a folder of rotated logs is
        // given as its files, in any order, so that what was read is what the shell listed.
        var run = Audit(Night(), _scenario.ClusterDirectory, "-o", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal($"error: {_scenario.ClusterDirectory}: is a directory; give the files", run.Error.Trim());
    }

    [Theory]
    [InlineData("--fail-on", "severe")]
    [InlineData("-o", "xml")]
    public void A_bad_option_is_exit_2(string option, string value)
    {
        var run = Audit(Night(), option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }
}
