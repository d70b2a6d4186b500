using System.Globalization;
using System.Text.Json;
using Palisade.Testing;
using static Palisade.Testing.AuditLines;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Hand-written cases of <c>flows check --audit</c> at the edges of the contract's <c>via-policy-change</c>: the state
/// after every allowed write up to the flow's time, the alert for forwarded flows allowed then but denied by
/// <c>--cluster</c>, and <c>cause</c> the write after which the connection became and stayed allowed.
/// Cluster: namespace shop (pods web 10.244.1.5, db 10.244.1.7 listening on 5432, report 10.244.1.8) where
/// db-ingress admits only app=web, or any pod of a namespace labelled trusted=yes; namespace ops (pod tool 10.244.2.3).
/// </summary>
public sealed class PolicyChangeCauseTests
{
    private const string Web = "10.244.1.5";
    private const string Db = "10.244.1.7";
    private const string Report = "10.244.1.8";
    private const string Tool = "10.244.2.3";

    private const string Cluster = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: ops}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}, creationTimestamp: "2024-04-01T00:00:00Z"}
        spec: {nodeName: node-1, containers: [{name: web, image: x}]}
        status: {phase: Running, podIP: 10.244.1.5, podIPs: [{ip: 10.244.1.5}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}, creationTimestamp: "2024-04-01T00:00:00Z"}
        spec: {nodeName: node-1, containers: [{name: db, image: x, ports: [{name: pg, containerPort: 5432}]}]}
        status: {phase: Running, podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: report, namespace: shop, labels: {app: report}, creationTimestamp: "2024-04-01T00:00:00Z"}
        spec: {nodeName: node-1, containers: [{name: report, image: x}]}
        status: {phase: Running, podIP: 10.244.1.8, podIPs: [{ip: 10.244.1.8}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: tool, namespace: ops, labels: {app: tool}, creationTimestamp: "2024-04-01T00:00:00Z"}
        spec: {nodeName: node-1, containers: [{name: tool, image: x}]}
        status: {phase: Running, podIP: 10.244.2.3, podIPs: [{ip: 10.244.2.3}], hostIP: 10.0.0.11}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-ingress, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress:
          - from: [{podSelector: {matchLabels: {app: web}}}, {namespaceSelector: {matchLabels: {trusted: "yes"}}}]
            ports: [{port: 5432, protocol: TCP}]
        """;

    private const string AllowReport = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-report","namespace":"shop"},
         "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"report"}}}]}]}}
        """;

    private static int _port = 41000;

    /// <summary>A CSV flow record (the contract's columns), forwarded unless said, at HH:mm:ss[.fff] on the audit log's day.</summary>
    private static string Flow(string at, string src, string dst, int port = 5432, string verdict = "FORWARDED") =>
        $"{Time(at)},{src},{Interlocked.Increment(ref _port)},{dst},{port},TCP,100,{verdict}";

    private static string CreateAllowReport(string at, string user = "mallory", int? code = 201, string? query = null, string? id = null,
        string stage = "ResponseComplete", string decision = "allow") =>
        Event("create", "networkpolicies", "shop", name: null, user: user, at: at, request: AllowReport, response: code is >= 200 and < 300 ? AllowReport : null, code: code,
            query: query, id: id, stage: stage, decision: decision);

    private static string DeleteAllowReport(string at, string user = "alice") =>
        Event("delete", "networkpolicies", "shop", "allow-report", user: user, at: at, code: 200);

    /// <summary>Runs <c>flows check --audit</c> and returns the alerts.</summary>
    private static IReadOnlyList<JsonElement> Check(IEnumerable<string> flows, string audit, string alsoInCluster = "", IEnumerable<string>? baseline = null,
        bool savedBaseline = false)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cluster.yaml"), Cluster + alsoInCluster);
        File.WriteAllText(dir.File("flows.csv"), Csv(flows));
        File.WriteAllText(dir.File("audit.log"), audit);
        string[] args = ["flows", "check", dir.File("flows.csv"), "--cluster", dir.File("cluster.yaml"), "--audit", dir.File("audit.log"), "-o", "json"];
        if (baseline is not null)
        {
            File.WriteAllText(dir.File("baseline.csv"), Csv(baseline));
            var learned = dir.File("baseline.csv");
            if (savedBaseline)
            {
                learned = dir.File("baseline.json");
                var save = CliRun.Of("flows", "baseline", dir.File("baseline.csv"), "--cluster", dir.File("cluster.yaml"), "--audit", dir.File("audit.log"), "-o", learned);
                Assert.True(save.ExitCode == 0, save.Error);
            }
            args = [.. args, "--baseline", learned];
        }
        var run = CliRun.Of(args);
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        return [.. output.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.Clone())];
    }

    private static string Csv(IEnumerable<string> flows) =>
        "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n" + string.Join('\n', flows) + "\n";

    /// <summary>An alert as one line: detector, ends, count, and the cause's time, user, verb and object when it has one.</summary>
    private static string Line(JsonElement a)
    {
        var line = $"{a.GetProperty("detector").GetString()} {a.GetProperty("src").GetString()} > {a.GetProperty("dst").GetString()} x{a.GetProperty("count").GetInt32()}";
        if (a.TryGetProperty("cause", out var cause) && cause.ValueKind == JsonValueKind.Object)
        {
            var time = DateTimeOffset.Parse(cause.GetProperty("time").GetString()!, CultureInfo.InvariantCulture).UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            line += $" cause {time} {cause.GetProperty("user").GetString()} {cause.GetProperty("verb").GetString()} {cause.GetProperty("object").GetString()}";
        }
        return line;
    }

    private static string[] Lines(IReadOnlyList<JsonElement> alerts, params string[] detectors) =>
        [.. alerts.Where(a => detectors.Contains(a.GetProperty("detector").GetString())).Select(Line).Order(StringComparer.Ordinal)];

    [Fact]
    public void Loosened_tightened_and_loosened_again_each_flow_names_the_write_it_stands_on()
    {
        var alerts = Check(
            [Flow("02:50", Report, Db), Flow("03:05", Report, Db), Flow("03:15", Report, Db), Flow("03:25", Report, Db), Flow("03:26", Report, Db)],
            Log(CreateAllowReport("03:00"), DeleteAllowReport("03:10"), CreateAllowReport("03:20", user: "eve")));

        Assert.Equal([
            "policy-violation shop/report[Pod] > shop/db[Pod] x2",
            "via-policy-change shop/report[Pod] > shop/db[Pod] x1 cause 03:00:00 mallory create NetworkPolicy shop/allow-report",
            "via-policy-change shop/report[Pod] > shop/db[Pod] x2 cause 03:20:00 eve create NetworkPolicy shop/allow-report",
        ], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void The_causes_time_is_the_audit_logs_text_as_audit_writes_it()
    {
        // kube-apiserver writes microseconds with trailing zeros; `audit` repeats the event's text, and the cause names
        // the same write, so it repeats it too rather than a normalised form of the same instant.
        var alerts = Check([Flow("03:05", Report, Db)], Log(CreateAllowReport("03:00:00.123450")));

        var cause = Assert.Single(alerts, a => a.GetProperty("detector").GetString() == "via-policy-change").GetProperty("cause");
        Assert.Equal("2024-05-01T03:00:00.123450Z", cause.GetProperty("time").GetString());
    }

    [Fact]
    public void A_second_policy_admitting_the_same_connection_is_not_the_cause_while_the_first_still_holds()
    {
        const string alsoReport = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"also-report","namespace":"shop"},
             "spec":{"podSelector":{"matchLabels":{"app":"db"}},"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"report"}}}],"ports":[{"port":5432}]}]}}
            """;
        var alerts = Check(
            [Flow("03:05", Report, Db), Flow("03:15", Report, Db), Flow("03:25", Report, Db)],
            Log(CreateAllowReport("03:00"),
                Event("create", "networkpolicies", "shop", user: "eve", at: "03:10", request: alsoReport, response: alsoReport, code: 201),
                DeleteAllowReport("03:20")));

        // Allowed without a break since 03:00: the connection became and stayed allowed after mallory's create.
        Assert.Equal(["via-policy-change shop/report[Pod] > shop/db[Pod] x3 cause 03:00:00 mallory create NetworkPolicy shop/allow-report"],
            Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void A_pod_relabelled_into_a_policys_peers_is_the_cause()
    {
        var alerts = Check(
            [Flow("02:55", Report, Db), Flow("03:05", Report, Db)],
            Log(Event("patch", "pods", "shop", "report", user: "eve", at: "03:00", request: """{"metadata":{"labels":{"app":"web"}}}""", code: 200)));

        Assert.Equal([
            "policy-violation shop/report[Pod] > shop/db[Pod] x1",
            "via-policy-change shop/report[Pod] > shop/db[Pod] x1 cause 03:00:00 eve patch Pod shop/report",
        ], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void A_namespace_relabelled_into_a_policys_peers_is_the_cause()
    {
        var alerts = Check(
            [Flow("02:55", Tool, Db), Flow("03:05", Tool, Db)],
            Log(Event("patch", "namespaces", null, "ops", user: "eve", at: "03:00", request: """{"metadata":{"labels":{"trusted":"yes"}}}""", code: 200)));

        Assert.Equal([
            "policy-violation ops/tool[Pod] > shop/db[Pod] x1",
            "via-policy-change ops/tool[Pod] > shop/db[Pod] x1 cause 03:00:00 eve patch Namespace ops",
        ], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Theory]
    [InlineData("forbidden")]
    [InlineData("failed")]
    [InlineData("dry-run")]
    [InlineData("failed-after-received")]
    public void A_write_that_was_refused_or_a_dry_run_opens_nothing(string how)
    {
        string[] events = how switch
        {
            "forbidden" => [CreateAllowReport("03:00", code: 403, decision: "forbid")],
            "failed" => [CreateAllowReport("03:00", code: 422)],
            "dry-run" => [CreateAllowReport("03:00", query: "dryRun=All")],
            _ => [CreateAllowReport("03:00", code: null, id: "req-x", stage: "RequestReceived"), CreateAllowReport("03:00", code: 409, id: "req-x")],
        };
        var alerts = Check([Flow("03:05", Report, Db)], Log(events));

        Assert.Equal(["policy-violation shop/report[Pod] > shop/db[Pod] x1"], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void Events_out_of_time_order_in_the_log_are_applied_in_time_order()
    {
        var alerts = Check(
            [Flow("03:05", Report, Db), Flow("03:15", Report, Db)],
            Log(DeleteAllowReport("03:10"), CreateAllowReport("03:00")));

        Assert.Equal([
            "policy-violation shop/report[Pod] > shop/db[Pod] x1",
            "via-policy-change shop/report[Pod] > shop/db[Pod] x1 cause 03:00:00 mallory create NetworkPolicy shop/allow-report",
        ], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void The_stages_of_one_request_are_one_cause_at_its_received_time()
    {
        var alerts = Check(
            [Flow("03:05", Report, Db)],
            Log(CreateAllowReport("03:00", id: "req-s", stage: "RequestReceived", code: null),
                CreateAllowReport("03:00", id: "req-s").Replace("\"stageTimestamp\":\"2024-05-01T03:00:00Z\"", "\"stageTimestamp\":\"2024-05-01T03:00:02Z\"", StringComparison.Ordinal)));

        Assert.Equal(["via-policy-change shop/report[Pod] > shop/db[Pod] x1 cause 03:00:00 mallory create NetworkPolicy shop/allow-report"],
            Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void A_flow_at_the_writes_very_instant_is_judged_after_it_and_flows_before_the_log_by_the_cluster()
    {
        var alerts = Check(
            [Flow("01:00", Report, Db), Flow("03:00", Report, Db)],
            Log(CreateAllowReport("03:00")));

        Assert.Equal([
            "policy-violation shop/report[Pod] > shop/db[Pod] x1",
            "via-policy-change shop/report[Pod] > shop/db[Pod] x1 cause 03:00:00 mallory create NetworkPolicy shop/allow-report",
        ], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void An_address_reused_by_another_workload_resolves_to_its_holder_at_the_flows_time()
    {
        // report is deleted at 03:00; at 03:05 a pod of Deployment web is created and the kubelet gives it report's address at 03:06.
        const string newPod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7c9-xk2p","namespace":"shop","labels":{"app":"web"},
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7c9","uid":"u9","controller":true}]},
             "spec":{"nodeName":"node-1","containers":[{"name":"web","image":"x"}]},"status":{"phase":"Pending"}}
            """;
        var withIp = newPod.Replace("\"status\":{\"phase\":\"Pending\"}", "\"status\":{\"phase\":\"Running\",\"podIP\":\"10.244.1.8\",\"podIPs\":[{\"ip\":\"10.244.1.8\"}],\"hostIP\":\"10.0.0.11\"}", StringComparison.Ordinal);
        var alerts = Check(
            [Flow("02:55", Report, Db), Flow("03:02", Report, Db), Flow("03:10", Report, Db)],
            Log(Event("delete", "pods", "shop", "report", user: "system:serviceaccount:kube-system:job", at: "03:00", code: 200),
                Event("create", "pods", "shop", user: "system:serviceaccount:kube-system:replicaset-controller", at: "03:05", request: newPod, response: newPod, code: 201),
                Event("patch", "pods", "shop", "web-7c9-xk2p", subresource: "status", user: "system:node:node-1", at: "03:06",
                    request: """{"status":{"phase":"Running","podIP":"10.244.1.8","podIPs":[{"ip":"10.244.1.8"}]}}""", response: withIp, code: 200)));

        Assert.Equal([
            "policy-violation 10.244.1.8 > shop/db[Pod] x1",
            "policy-violation shop/report[Pod] > shop/db[Pod] x1",
        ], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Theory]
    [InlineData("RequestResponse")]
    [InlineData("Request")]
    public void A_pod_given_a_deleted_pods_address_by_its_status_is_that_address_from_then_on(string level)
    {
        // web (admitted by db-ingress) is deleted at 03:00; a pod labelled app=report is created at 03:05 and given web's address at 03:06.
        const string newPod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"report-2","namespace":"shop","labels":{"app":"report"}},
             "spec":{"nodeName":"node-1","containers":[{"name":"report","image":"x"}]},"status":{"phase":"Pending"}}
            """;
        var status = """{"status":{"phase":"Running","podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}],"hostIP":"10.0.0.11"}}""";
        var withIp = newPod.Replace("\"status\":{\"phase\":\"Pending\"}", status[1..^1], StringComparison.Ordinal);
        var alerts = Check(
            [Flow("02:55", Web, Db), Flow("03:10", Web, Db)],
            Log(Event("delete", "pods", "shop", "web", user: "alice", at: "03:00", code: 200),
                Event("create", "pods", "shop", user: "alice", at: "03:05", request: newPod, response: level == "Request" ? null : newPod, code: 201, level: level),
                Event("patch", "pods", "shop", "report-2", subresource: "status", user: "system:node:node-1", at: "03:06",
                    request: status, response: level == "Request" ? null : withIp, code: 200, level: level)));

        Assert.Equal(["policy-violation shop/report-2[Pod] > shop/db[Pod] x1"], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_pod_deleted_gracefully_holds_its_address_while_it_terminates(bool kubeletDeleteLogged)
    {
        // The replicaset controller deletes web at 03:00 with the default grace period: the API server answers with the pod,
        // terminating until 03:00:30, and removes it when its kubelet deletes it (03:00:28) once its containers stopped.
        // web closes its connections to db at 03:00:10 while it terminates; at 03:00:45 no pod holds 10.244.1.5.
        const string terminating = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"shop","labels":{"app":"web"},"creationTimestamp":"2024-04-01T00:00:00Z",
             "deletionTimestamp":"2024-05-01T03:00:30Z","deletionGracePeriodSeconds":30},
             "spec":{"nodeName":"node-1","containers":[{"name":"web","image":"x"}]},
             "status":{"phase":"Running","podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}],"hostIP":"10.0.0.11"}}
            """;
        var removed = terminating.Replace("\"deletionGracePeriodSeconds\":30", "\"deletionGracePeriodSeconds\":0", StringComparison.Ordinal);
        string[] events = [Event("delete", "pods", "shop", "web", user: "system:serviceaccount:kube-system:replicaset-controller", at: "03:00",
            request: """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}""", response: terminating, code: 200)];
        if (kubeletDeleteLogged)
        {
            events = [.. events, Event("delete", "pods", "shop", "web", user: "system:node:node-1", at: "03:00:28",
                request: """{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0}""", response: removed, code: 200)];
        }
        var alerts = Check([Flow("02:59:50", Web, Db), Flow("03:00:10", Web, Db), Flow("03:00:45", Web, Db)], Log(events));

        Assert.Equal(["policy-violation 10.244.1.5 > shop/db[Pod] x1"], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void A_pod_past_its_deletion_time_gives_its_address_to_the_pod_created_after_when_the_kubelets_delete_is_not_logged()
    {
        // web is deleted at 03:00, terminating until 03:00:30; the log lacks its kubelet's delete (an audit policy leaving out
        // system:nodes). report-2 is created at 03:05 and the kubelet reports web's old address for it at 03:06: after
        // 03:00:30 web held it no more, so report-2 has held it since its creation (its init containers talk before the report).
        const string terminating = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"shop","labels":{"app":"web"},"creationTimestamp":"2024-04-01T00:00:00Z",
             "deletionTimestamp":"2024-05-01T03:00:30Z","deletionGracePeriodSeconds":30},
             "spec":{"nodeName":"node-1","containers":[{"name":"web","image":"x"}]},
             "status":{"phase":"Running","podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}],"hostIP":"10.0.0.11"}}
            """;
        const string newPod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"report-2","namespace":"shop","labels":{"app":"report"},"creationTimestamp":"2024-05-01T03:05:00Z"},
             "spec":{"nodeName":"node-1","containers":[{"name":"report","image":"x"}]},"status":{"phase":"Pending"}}
            """;
        var status = """{"status":{"phase":"Running","podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}],"hostIP":"10.0.0.11"}}""";
        var withIp = newPod.Replace("\"status\":{\"phase\":\"Pending\"}", status[1..^1], StringComparison.Ordinal);
        var alerts = Check(
            [Flow("03:00:45", Web, Db), Flow("03:05:30", Web, Db), Flow("03:10", Web, Db)],
            Log(Event("delete", "pods", "shop", "web", user: "system:serviceaccount:kube-system:replicaset-controller", at: "03:00", response: terminating, code: 200),
                Event("create", "pods", "shop", user: "alice", at: "03:05", request: newPod, response: newPod, code: 201),
                Event("patch", "pods", "shop", "report-2", subresource: "status", user: "system:node:node-1", at: "03:06", request: status, response: withIp, code: 200)));

        Assert.Equal([
            "policy-violation 10.244.1.5 > shop/db[Pod] x1",
            "policy-violation shop/report-2[Pod] > shop/db[Pod] x2",
        ], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Theory]
    [InlineData("patch")]
    [InlineData("update")]
    public void A_status_write_logged_without_its_body_leaves_the_pod_its_address_and_labels(string verb)
    {
        // A Metadata-level audit policy logs the kubelet's status writes without bodies: a status write cannot change a
        // pod's labels or spec, and a running pod keeps its address, so web is still web and report still report.
        var alerts = Check(
            [Flow("02:59:50", Web, Db), Flow("03:00:10", Web, Db), Flow("03:00:20", Report, Db)],
            Log(Event(verb, "pods", "shop", "web", subresource: "status", user: "system:node:node-1", at: "03:00", code: 200, level: "Metadata"),
                Event(verb, "pods", "shop", "report", subresource: "status", user: "system:node:node-1", at: "03:00:05", code: 200, level: "Metadata")));

        Assert.Equal(["policy-violation shop/report[Pod] > shop/db[Pod] x1"], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void A_connection_the_cluster_allowed_that_was_closed_and_opened_again_is_no_policy_change()
    {
        const string onlyTrusted = """[{"op":"replace","path":"/spec/ingress/0/from","value":[{"namespaceSelector":{"matchLabels":{"trusted":"yes"}}}]}]""";
        const string webAgain = """[{"op":"add","path":"/spec/ingress/0/from/-","value":{"podSelector":{"matchLabels":{"app":"web"}}}}]""";
        var alerts = Check(
            [Flow("03:05", Web, Db), Flow("03:15", Web, Db)],
            Log(Event("patch", "networkpolicies", "shop", "db-ingress", user: "alice", at: "03:00", request: onlyTrusted, code: 200, level: "Request"),
                Event("patch", "networkpolicies", "shop", "db-ingress", user: "alice", at: "03:10", request: webAgain, code: 200, level: "Request")));

        Assert.Equal(["policy-violation shop/web[Pod] > shop/db[Pod] x1"], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void A_json_patch_relabelling_a_pod_is_the_cause()
    {
        var alerts = Check(
            [Flow("03:05", Report, Db)],
            Log(Event("patch", "pods", "shop", "report", user: "eve", at: "03:00", request: """[{"op":"replace","path":"/metadata/labels/app","value":"web"}]""", code: 200, level: "Request")));

        Assert.Equal(["via-policy-change shop/report[Pod] > shop/db[Pod] x1 cause 03:00:00 eve patch Pod shop/report"],
            Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void An_address_a_pod_of_the_log_gets_later_is_nobodys_before()
    {
        // report-2 is created at 03:05 and given the new address 10.244.1.20 at 03:06; at 03:00 no pod held it.
        const string newPod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"report-2","namespace":"shop","labels":{"app":"report"}},
             "spec":{"nodeName":"node-1","containers":[{"name":"report","image":"x"}]},"status":{"phase":"Pending"}}
            """;
        var status = """{"status":{"phase":"Running","podIP":"10.244.1.20","podIPs":[{"ip":"10.244.1.20"}],"hostIP":"10.0.0.11"}}""";
        var withIp = newPod.Replace("\"status\":{\"phase\":\"Pending\"}", status[1..^1], StringComparison.Ordinal);
        var alerts = Check(
            [Flow("03:00", "10.244.1.20", Db), Flow("03:10", "10.244.1.20", Db)],
            Log(Event("create", "pods", "shop", user: "alice", at: "03:05", request: newPod, response: newPod, code: 201),
                Event("patch", "pods", "shop", "report-2", subresource: "status", user: "system:node:node-1", at: "03:06", request: status, response: withIp, code: 200)));

        Assert.Equal([
            "policy-violation 10.244.1.20 > shop/db[Pod] x1",
            "policy-violation shop/report-2[Pod] > shop/db[Pod] x1",
        ], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Theory]
    [InlineData("RequestResponse")]
    [InlineData("Request")]
    public void An_address_a_later_status_reports_is_the_pods_since_its_creation_when_nobody_held_it(string level)
    {
        // report-2 is created at 03:05 and its init container talks to db at 03:05:30; the kubelet reports the address the
        // pod has had since its sandbox started only at 03:06. Before the create, no pod held it. At Request level the log
        // has the body sent, without the creationTimestamp the server gave it: the create's time.
        const string sent = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"report-2","namespace":"shop","labels":{"app":"report"}},
             "spec":{"nodeName":"node-1","containers":[{"name":"report","image":"x"}]},"status":{"phase":"Pending"}}
            """;
        var created = sent.Replace("\"labels\"", "\"creationTimestamp\":\"2024-05-01T03:05:00Z\",\"labels\"", StringComparison.Ordinal);
        var status = """{"status":{"phase":"Running","podIP":"10.244.1.20","podIPs":[{"ip":"10.244.1.20"}],"hostIP":"10.0.0.11"}}""";
        var withIp = created.Replace("\"status\":{\"phase\":\"Pending\"}", status[1..^1], StringComparison.Ordinal);
        var full = level == "RequestResponse";
        var alerts = Check(
            [Flow("03:00", "10.244.1.20", Db), Flow("03:05:30", "10.244.1.20", Db), Flow("03:10", "10.244.1.20", Db)],
            Log(Event("create", "pods", "shop", user: "alice", at: "03:05", request: sent, response: full ? created : null, code: 201, level: level),
                Event("patch", "pods", "shop", "report-2", subresource: "status", user: "system:node:node-1", at: "03:06", request: status,
                    response: full ? withIp : null, code: 200, level: level)));

        Assert.Equal([
            "policy-violation 10.244.1.20 > shop/db[Pod] x1",
            "policy-violation shop/report-2[Pod] > shop/db[Pod] x2",
        ], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void A_policy_updated_without_its_body_says_the_changes_effect_is_unknown()
    {
        // Metadata level: the log shows that db-ingress changed, not how, so it cannot say the change allowed report.
        var alerts = Check(
            [Flow("03:05", Report, Db)],
            Log(Event("update", "networkpolicies", "shop", "db-ingress", user: "eve", at: "03:00", code: 200, level: "Metadata")));

        var alert = Assert.Single(alerts, a => a.GetProperty("detector").GetString() == "via-policy-change");
        Assert.Equal("via-policy-change shop/report[Pod] > shop/db[Pod] x1 cause 03:00:00 eve update NetworkPolicy shop/db-ingress", Line(alert));
        var message = alert.GetProperty("message").GetString()!;
        Assert.Contains("NetworkPolicy shop/db-ingress", message, StringComparison.Ordinal);
        Assert.Contains("unknown", message, StringComparison.Ordinal);
        Assert.DoesNotContain("only because of", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_the_dump_holds_that_the_log_creates_is_absent_before_its_create()
    {
        // A dump taken after the log began (the usual "dump now, audit log of the last hours") already holds allow-report,
        // which mallory created at 03:00: a create that succeeded proves it was absent before, as palisade audit judges it.
        const string dumped = """

            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-report, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              policyTypes: [Ingress]
              ingress: [{from: [{podSelector: {matchLabels: {app: report}}}]}]
            """;
        var alerts = Check([Flow("02:55", Report, Db), Flow("03:05", Report, Db)], Log(CreateAllowReport("03:00")), dumped);

        Assert.Equal([
            "policy-violation shop/report[Pod] > shop/db[Pod] x1",
            "via-policy-change shop/report[Pod] > shop/db[Pod] x1 cause 03:00:00 mallory create NetworkPolicy shop/allow-report",
        ], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_baseline_of_flows_during_the_log_knows_the_pods_the_log_created(bool saved)
    {
        // web-2 (app=web) is created at 03:05 and given 10.244.1.20 at 03:06; the learning period's flows (03:10) are within
        // the log, as are the checked ones (04:10): both are web-2's, not an external /24's.
        const string newPod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-2","namespace":"shop","labels":{"app":"web"}},
             "spec":{"nodeName":"node-1","containers":[{"name":"web","image":"x"}]},"status":{"phase":"Pending"}}
            """;
        var status = """{"status":{"phase":"Running","podIP":"10.244.1.20","podIPs":[{"ip":"10.244.1.20"}],"hostIP":"10.0.0.11"}}""";
        var withIp = newPod.Replace("\"status\":{\"phase\":\"Pending\"}", status[1..^1], StringComparison.Ordinal);
        var alerts = Check(
            [Flow("04:10", "10.244.1.20", Db), Flow("04:11", Web, Db), Flow("04:12", Web, Report, 8080)],
            Log(Event("create", "pods", "shop", user: "alice", at: "03:05", request: newPod, response: newPod, code: 201),
                Event("patch", "pods", "shop", "web-2", subresource: "status", user: "system:node:node-1", at: "03:06", request: status, response: withIp, code: 200)),
            baseline: [Flow("03:10", "10.244.1.20", Db), Flow("03:11", Web, Db)], savedBaseline: saved);

        Assert.Equal(["new-connection shop/web[Pod] > shop/report[Pod] x1"], Lines(alerts, "new-connection"));
    }

    [Fact]
    public void A_pod_the_log_created_and_then_relabelled_into_a_policys_peers_names_the_relabel()
    {
        // report-2 (app=reporter) is created at 03:00 and given 10.244.1.20 at 03:01; nothing admits it to db, so its flow at
        // 03:02 is a violation. eve relabels it app=report at 03:05: the flow at 03:10 passed only because of that write.
        // The cluster before the log lacks the pod; the states in which it existed denied the connection until eve's write.
        var alerts = Check([Flow("03:02", "10.244.1.20", Db), Flow("03:10", "10.244.1.20", Db)],
            ReportCreatedThenRelabelled(app: "reporter", relabel: ("app", "report")), alsoInCluster: AllowReportInCluster);

        Assert.Equal([
            "policy-violation shop/report-2[Pod] > shop/db[Pod] x1",
            "via-policy-change shop/report-2[Pod] > shop/db[Pod] x1 cause 03:05:00 eve patch Pod shop/report-2",
        ], Lines(alerts, "policy-violation", "via-policy-change"));
    }

    [Fact]
    public void A_pod_the_log_created_that_its_policies_admitted_from_the_start_is_no_policy_change()
    {
        // report-2 is created with app=report, which allow-report admitted before the log: no write of the log opened it.
        var alerts = Check([Flow("03:10", "10.244.1.20", Db)],
            ReportCreatedThenRelabelled(app: "report", relabel: ("team", "bi")), alsoInCluster: AllowReportInCluster);

        Assert.Empty(Lines(alerts, "policy-violation", "via-policy-change"));
    }

    /// <summary>
    /// alice creates pod report-2 labelled <c>app=APP</c> at 03:00, the kubelet gives it 10.244.1.20 at 03:01, and eve patches
    /// in the label <paramref name="relabel"/> at 03:05.
    /// </summary>
    private static string ReportCreatedThenRelabelled(string app, (string Key, string Value) relabel)
    {
        var created = $$$"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"report-2","namespace":"shop","labels":{"app":"{{{app}}}"}},
             "spec":{"nodeName":"node-1","containers":[{"name":"report","image":"x"}]},"status":{"phase":"Pending"}}
            """;
        var status = """{"status":{"phase":"Running","podIP":"10.244.1.20","podIPs":[{"ip":"10.244.1.20"}],"hostIP":"10.0.0.11"}}""";
        var withIp = created.Replace("\"status\":{\"phase\":\"Pending\"}", status[1..^1], StringComparison.Ordinal);
        return Log(Event("create", "pods", "shop", user: "alice", at: "03:00", request: created, response: created, code: 201),
            Event("patch", "pods", "shop", "report-2", subresource: "status", user: "system:node:node-1", at: "03:01", request: status, response: withIp, code: 200),
            Event("patch", "pods", "shop", "report-2", user: "eve", at: "03:05", request: "{\"metadata\":{\"labels\":{\"" + relabel.Key + "\":\"" + relabel.Value + "\"}}}", code: 200));
    }

    private const string AllowReportInCluster = """

        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-report, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchLabels: {app: report}}}]}]
        """;

    [Fact]
    public void A_pod_deleted_and_created_again_after_the_policy_keeps_the_policy_as_the_cause()
    {
        // mallory admits report at 03:00; report is deleted at 03:05 and created again at 03:06 (same name and labels, a
        // StatefulSet's pod or kubectl replace --force), given its address back at 03:07. While report did not exist the
        // connection could not be judged; it was allowed before and after: it became and stayed allowed at 03:00.
        const string again = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"report","namespace":"shop","labels":{"app":"report"}},
             "spec":{"nodeName":"node-1","containers":[{"name":"report","image":"x"}]},"status":{"phase":"Pending"}}
            """;
        var status = """{"status":{"phase":"Running","podIP":"10.244.1.8","podIPs":[{"ip":"10.244.1.8"}],"hostIP":"10.0.0.11"}}""";
        var withIp = again.Replace("\"status\":{\"phase\":\"Pending\"}", status[1..^1], StringComparison.Ordinal);
        var alerts = Check(
            [Flow("03:02", Report, Db), Flow("03:10", Report, Db)],
            Log(CreateAllowReport("03:00"),
                Event("delete", "pods", "shop", "report", user: "alice", at: "03:05", code: 200),
                Event("create", "pods", "shop", user: "alice", at: "03:06", request: again, response: again, code: 201),
                Event("patch", "pods", "shop", "report", subresource: "status", user: "system:node:node-1", at: "03:07", request: status, response: withIp, code: 200)));

        Assert.Equal(["via-policy-change shop/report[Pod] > shop/db[Pod] x2 cause 03:00:00 mallory create NetworkPolicy shop/allow-report"],
            Lines(alerts, "policy-violation", "via-policy-change"));
    }
    [Fact]
    public void A_pod_its_controller_creates_after_a_template_change_names_the_users_change_as_the_cause()
    {
        // Deployment api's pod (10.244.1.9) is denied by db; db-from-backend admits tier=backend. alice adds tier=backend to
        // api's pod template at 03:00; the deployment controller creates the new ReplicaSet, the replicaset controller its
        // pod, given 10.244.1.10 by its kubelet. The connection stands on alice's change: the controllers only carried it out.
        const string api = """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop, uid: d1}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec: {containers: [{name: api, image: x}]}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: api-5d4, namespace: shop, uid: r1, labels: {app: api, pod-template-hash: 5d4}, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, uid: d1, controller: true}]}
            spec:
              selector: {matchLabels: {app: api, pod-template-hash: 5d4}}
              template:
                metadata: {labels: {app: api, pod-template-hash: 5d4}}
                spec: {containers: [{name: api, image: x}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api-5d4-aaaaa, namespace: shop, labels: {app: api, pod-template-hash: 5d4}, creationTimestamp: "2024-04-01T00:00:00Z",
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-5d4, uid: r1, controller: true}]}
            spec: {nodeName: node-1, containers: [{name: api, image: x}]}
            status: {phase: Running, podIP: 10.244.1.9, podIPs: [{ip: 10.244.1.9}], hostIP: 10.0.0.11}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-from-backend, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              policyTypes: [Ingress]
              ingress:
              - from: [{podSelector: {matchLabels: {tier: backend}}}]
            """;
        const string replicaSet = """
            {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"api-7c8","namespace":"shop","uid":"r2","labels":{"app":"api","tier":"backend","pod-template-hash":"7c8"},
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"api","uid":"d1","controller":true}]},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"api","pod-template-hash":"7c8"}},
             "template":{"metadata":{"labels":{"app":"api","tier":"backend","pod-template-hash":"7c8"}},"spec":{"containers":[{"name":"api","image":"x"}]}}}}
            """;
        const string pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"api-7c8-bbbbb","namespace":"shop","labels":{"app":"api","tier":"backend","pod-template-hash":"7c8"},
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"api-7c8","uid":"r2","controller":true}]},
             "spec":{"nodeName":"node-1","containers":[{"name":"api","image":"x"}]},"status":{"phase":"Pending"}}
            """;
        var status = """{"status":{"phase":"Running","podIP":"10.244.1.10","podIPs":[{"ip":"10.244.1.10"}],"hostIP":"10.0.0.11"}}""";
        var withIp = pod.Replace("\"status\":{\"phase\":\"Pending\"}", status[1..^1], StringComparison.Ordinal);
        var alerts = Check(
            [Flow("03:10", "10.244.1.10", Db)],
            Log(Event("patch", "deployments", "shop", "api", user: "alice", at: "03:00",
                    request: """{"spec":{"template":{"metadata":{"labels":{"tier":"backend"}}}}}""", code: 200, level: "Request"),
                Event("create", "replicasets", "shop", user: "system:serviceaccount:kube-system:deployment-controller", at: "03:00:01", request: replicaSet, response: replicaSet, code: 201),
                Event("create", "pods", "shop", user: "system:serviceaccount:kube-system:replicaset-controller", at: "03:00:02", request: pod, response: pod, code: 201),
                Event("patch", "pods", "shop", "api-7c8-bbbbb", subresource: "status", user: "system:node:node-1", at: "03:00:03", request: status, response: withIp, code: 200)),
            "\n" + api);

        Assert.Equal(["via-policy-change shop/api[Deployment] > shop/db[Pod] x1 cause 03:00:00 alice patch Deployment shop/api"],
            Lines(alerts, "policy-violation", "via-policy-change"));
    }
    [Fact]
    public void A_statefulset_pod_recreated_under_its_name_after_a_template_change_names_the_users_change_as_the_cause()
    {
        // StatefulSet cache's pod cache-0 (10.244.1.20) is denied by db. alice adds tier=backend to cache's pod template at
        // 03:00; the statefulset controller deletes cache-0 and creates it again under the same name, with the new labels,
        // and its kubelet gives it 10.244.1.21. The old cache-0 is not the flow's pod, whose template is alice's.
        const string cache = """
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: cache, namespace: shop, uid: s1}
            spec:
              serviceName: cache
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec: {containers: [{name: cache, image: x}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: cache-0, namespace: shop, uid: p1, labels: {app: cache}, creationTimestamp: "2024-04-01T00:00:00Z",
              ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: cache, uid: s1, controller: true}]}
            spec: {nodeName: node-1, containers: [{name: cache, image: x}]}
            status: {phase: Running, podIP: 10.244.1.20, podIPs: [{ip: 10.244.1.20}], hostIP: 10.0.0.11}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-from-backend, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              policyTypes: [Ingress]
              ingress:
              - from: [{podSelector: {matchLabels: {tier: backend}}}]
            """;
        var pod = $$$"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"cache-0","namespace":"shop","uid":"p2","creationTimestamp":"{{{Time("03:00:06")}}}",
             "labels":{"app":"cache","tier":"backend"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"cache","uid":"s1","controller":true}]},
             "spec":{"containers":[{"name":"cache","image":"x"}]},"status":{"phase":"Pending"}}
            """;
        var alerts = Check(
            [Flow("03:10", "10.244.1.21", Db)],
            Log(Event("patch", "statefulsets", "shop", "cache", user: "alice", at: "03:00",
                    request: """{"spec":{"template":{"metadata":{"labels":{"tier":"backend"}}}}}""", code: 200, level: "Request"),
                Event("delete", "pods", "shop", "cache-0", user: "system:serviceaccount:kube-system:statefulset-controller", at: "03:00:05", code: 200, level: "Metadata"),
                Event("create", "pods", "shop", user: "system:serviceaccount:kube-system:statefulset-controller", at: "03:00:06", request: pod, response: pod, code: 201),
                Event("patch", "pods", "shop", "cache-0", subresource: "status", user: "system:node:node-1", at: "03:00:07",
                    request: """{"status":{"phase":"Running","podIP":"10.244.1.21","podIPs":[{"ip":"10.244.1.21"}],"hostIP":"10.0.0.11"}}""", code: 200, level: "Request")),
            "\n" + cache);

        Assert.Equal(["via-policy-change shop/cache[StatefulSet] > shop/db[Pod] x1 cause 03:00:00 alice patch StatefulSet shop/cache"],
            Lines(alerts, "policy-violation", "via-policy-change"));
    }
    [Theory]
    [InlineData("patch")]
    [InlineData("update")]
    public void A_pod_written_without_its_body_still_holds_its_address(string verb)
    {
        // alice annotates web at 03:00 under a Metadata-level audit policy: its body is unknown, but a write that is no
        // delete leaves the pod where it was, with its address; its labels are those last known.
        var alerts = Check(
            [Flow("03:05", Web, Db), Flow("03:06", Report, Db)],
            Log(Event(verb, "pods", "shop", "web", user: "alice", at: "03:00", code: 200, level: "Metadata")));

        Assert.Equal(["policy-violation shop/report[Pod] > shop/db[Pod] x1"], Lines(alerts, "policy-violation", "via-policy-change", "denied-attempt"));
    }
    [Fact]
    public void A_service_written_without_its_body_still_owns_its_cluster_ip()
    {
        // alice annotates Service db at 03:00 under a Metadata-level audit policy: its cluster IP cannot change, so a flow to
        // it is still db's, at the target port.
        const string service = """

            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: shop}
            spec: {clusterIP: 10.96.0.50, selector: {app: db}, ports: [{port: 15432, targetPort: 5432}]}
            """;
        var alerts = Check(
            [$"{Time("03:05")},{Report},40999,10.96.0.50,15432,TCP,100,FORWARDED"],
            Log(Event("patch", "services", "shop", "db", user: "alice", at: "03:00", code: 200, level: "Metadata")),
            service);

        Assert.Equal(["policy-violation shop/report[Pod] > shop/db[Pod] x1"], Lines(alerts, "policy-violation", "via-policy-change", "denied-attempt"));
    }
    private const string ReportEgress = """

        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: report-egress, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: report}}
          policyTypes: [Egress]
          egress:
          - to: [{podSelector: {matchLabels: {app: db}}}]
        """;

    private static string[] PoliciesOf(IReadOnlyList<JsonElement> alerts, string detector) =>
        [.. Assert.Single(alerts, a => a.GetProperty("detector").GetString() == detector).GetProperty("policies").EnumerateArray().Select(p => p.GetString()!)];

    [Fact]
    public void A_flow_allowed_by_a_policys_delete_names_the_policies_that_admit_it_at_its_time()
    {
        // Deleting db-ingress leaves db open to all; report's own egress policy still admits the connection at its time.
        var alerts = Check([Flow("03:05", Report, Db)], Log(Event("delete", "networkpolicies", "shop", "db-ingress", user: "alice", at: "03:00", code: 200)),
            alsoInCluster: ReportEgress);
        Assert.Equal(["via-policy-change shop/report[Pod] > shop/db[Pod] x1 cause 03:00:00 alice delete NetworkPolicy shop/db-ingress"],
            Lines(alerts, "via-policy-change"));
        Assert.Equal(["shop/report-egress"], PoliciesOf(alerts, "via-policy-change"));
    }

    [Fact]
    public void A_flow_allowed_because_a_delete_left_both_ends_unisolated_names_no_policy()
    {
        // Nothing admits it at its time (nothing isolates either end); the cause names the policy deleted.
        var alerts = Check([Flow("03:05", Report, Db)], Log(Event("delete", "networkpolicies", "shop", "db-ingress", user: "alice", at: "03:00", code: 200)));
        Assert.Empty(PoliciesOf(alerts, "via-policy-change"));
    }
}
