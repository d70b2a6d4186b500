using System.Text.Json;
using Palisade.Testing;
using static Palisade.Testing.AuditLines;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Cases of the blind audit state review (2026-12-02) that came out as the contract's "State for <c>opened</c>" and
/// <c>via-policy-change</c> say and that no other test pinned: the body the server returned over the one sent (a mutating
/// webhook), a delete answered with a Status, a strategic merge patch replacing a rule whole, the namespace name label the
/// server keeps, writes at one instant ordered by the resourceVersion they produced, a request refused after its
/// RequestReceived stage, a scale subresource, a trusted user's label change, and causes of connections that needed two
/// writes, were narrowed, or moved between ports. Expected values are written from the contract's Detection section.
/// Cluster: namespaces shop (env=prod: pods web, api), data (pod db on 5432 and 5433, db-allow admitting env=prod
/// namespaces on 5432) and ops (pod tool).
/// </summary>
public sealed class BlindAuditStateCaseTests
{
    private const string Db = "10.0.2.10";
    private const string Tool = "10.0.3.10";
    private const string Web = "10.0.1.10";

    private const string Cluster = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {name: shop, env: prod}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: data, labels: {name: data}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: ops, labels: {name: ops}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}, creationTimestamp: "2024-04-01T00:00:00Z"}
        spec: {nodeName: node-1, containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
        status: {phase: Running, podIP: 10.0.1.10, podIPs: [{ip: 10.0.1.10}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api, namespace: shop, labels: {app: api}, creationTimestamp: "2024-04-01T00:00:00Z"}
        spec: {nodeName: node-1, containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
        status: {phase: Running, podIP: 10.0.1.11, podIPs: [{ip: 10.0.1.11}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: data, labels: {app: db}, creationTimestamp: "2024-04-01T00:00:00Z"}
        spec: {nodeName: node-1, containers: [{name: c, image: x, ports: [{containerPort: 5432}, {containerPort: 5433}]}]}
        status: {phase: Running, podIP: 10.0.2.10, podIPs: [{ip: 10.0.2.10}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: tool, namespace: ops, labels: {app: tool}, creationTimestamp: "2024-04-01T00:00:00Z"}
        spec: {nodeName: node-1, containers: [{name: c, image: x}]}
        status: {phase: Running, podIP: 10.0.3.10, podIPs: [{ip: 10.0.3.10}], hostIP: 10.0.0.11}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-allow, namespace: data}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress: [{from: [{namespaceSelector: {matchLabels: {env: prod}}}], ports: [{port: 5432, protocol: TCP}]}]
        """;

    private const string ByAccess = """

        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: by-access, namespace: data}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {access: db}}}], ports: [{port: 5432}, {port: 5433}]}]
        """;

    private const string NotOps = """

        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: not-ops, namespace: data}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [ops]}]}}], ports: [{port: 5433}]}]
        """;

    private const string DenyOpsEgress = """

        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-egress, namespace: ops}
        spec: {podSelector: {}, policyTypes: [Egress]}
        """;

    private const string ToolDb = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"tool-db","namespace":"data"},
         "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],
                 "ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"name":"ops"}},"podSelector":{"matchLabels":{"app":"tool"}}}],"ports":[{"port":5432,"protocol":"TCP"}]}]}}
        """;

    private const string ToolEgress = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"tool-egress","namespace":"ops"},
         "spec":{"podSelector":{"matchLabels":{"app":"tool"}},"policyTypes":["Egress"],
                 "egress":[{"to":[{"namespaceSelector":{"matchLabels":{"name":"data"}}}],"ports":[{"port":5432,"protocol":"TCP"}]}]}}
        """;

    private static string ToolPod(string labels) =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"tool","namespace":"ops","labels":{{{labels}}}},"spec":{"nodeName":"node-1","containers":[{"name":"c","image":"x"}]},"status":{"phase":"Running","podIP":"10.0.3.10","podIPs":[{"ip":"10.0.3.10"}]}}""";

    private static string OpsNamespace(string labels, string resourceVersion) =>
        $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ops","resourceVersion":"{{{resourceVersion}}}","labels":{{{labels}}}}}""";

    private static string Labels(string labels) => $$$"""{"metadata":{"labels":{{{labels}}}}}""";

    /// <summary>Each alert of <c>audit -o json</c> as <c>rule time user verb object | opened lines sorted, joined by "; "</c>.</summary>
    private static IReadOnlyList<string> Audit(string cluster, string[] lines, params string[] options)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("audit.jsonl"), Log(lines));
        File.WriteAllText(dir.File("cluster.yaml"), cluster);
        var run = CliRun.Of(["audit", dir.File("audit.jsonl"), "--cluster", dir.File("cluster.yaml"), "-o", "json", .. options]);
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        return [.. output.RootElement.GetProperty("alerts").EnumerateArray().Select(a =>
            $"{a.GetProperty("rule").GetString()} {a.GetProperty("time").GetString()} {a.GetProperty("user").GetString()} "
            + $"{a.GetProperty("verb").GetString()} {a.GetProperty("object").GetString()} | "
            + string.Join("; ", a.GetProperty("opened").EnumerateArray().Select(o => o.GetString()).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)];
    }

    private static int _port = 40000;

    internal static string Flow(string at, string src, string dst, int port) =>
        $"{Time(at)},{src},{Interlocked.Increment(ref _port)},{dst},{port},TCP,100,FORWARDED";

    /// <summary>The <c>policy-violation</c> and <c>via-policy-change</c> alerts of <c>flows check --audit</c>, one line each.</summary>
    internal static IReadOnlyList<string> Check(string cluster, string[] flows, params string[] lines)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("audit.jsonl"), Log(lines));
        File.WriteAllText(dir.File("cluster.yaml"), cluster);
        File.WriteAllText(dir.File("flows.csv"), "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n" + string.Join('\n', flows) + "\n");
        var run = CliRun.Of("flows", "check", dir.File("flows.csv"), "--cluster", dir.File("cluster.yaml"), "--audit", dir.File("audit.jsonl"), "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        return [.. output.RootElement.GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("detector").GetString() is "policy-violation" or "via-policy-change")
            .Select(a =>
            {
                var line = $"{a.GetProperty("detector").GetString()} {a.GetProperty("src").GetString()} > {a.GetProperty("dst").GetString()} "
                    + $"{string.Join(',', a.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()))} x{a.GetProperty("count").GetInt32()} "
                    + $"{a.GetProperty("first").GetString()}..{a.GetProperty("last").GetString()}";
                if (a.TryGetProperty("cause", out var cause) && cause.ValueKind == JsonValueKind.Object)
                    line += $" cause {cause.GetProperty("time").GetString()} {cause.GetProperty("user").GetString()} {cause.GetProperty("verb").GetString()} {cause.GetProperty("object").GetString()}";
                return line;
            })
            .Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void A_create_a_webhook_mutated_is_judged_by_the_body_the_server_returned()
    {
        // Sent: every pod of ops on every port; stored (the response): only tool, on 5433.
        const string sent = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"extra","namespace":"data"},
             "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"name":"ops"}}}]}]}}
            """;
        var stored = ToolDb.Replace("tool-db", "extra", StringComparison.Ordinal).Replace("5432", "5433", StringComparison.Ordinal);
        var alerts = Audit(Cluster, [Event("create", "networkpolicies", "data", request: sent, response: stored, code: 201)]);
        Assert.Equal(["network-policy-tampering 2024-05-01T03:00:00Z mallory create NetworkPolicy data/extra | ops/tool[Pod] => data/db[Pod] : TCP 5433"], alerts);
    }

    [Fact]
    public void A_label_patch_is_judged_by_the_labels_the_server_returned_either_way()
    {
        var alerts = Audit(Cluster + ByAccess,
        [
            Event("patch", "pods", "ops", "tool", at: "03:00", request: Labels("""{"access":"db"}"""), response: ToolPod("""{"app":"tool","access":"denied"}""")),
            Event("patch", "pods", "ops", "tool", at: "03:05", request: Labels("""{"access":"nope"}"""), response: ToolPod("""{"app":"tool","access":"db"}""")),
        ]);
        Assert.Equal(["label-change-opened 2024-05-01T03:05:00Z mallory patch Pod ops/tool | ops/tool[Pod] => data/db[Pod] : TCP 5432-5433"], alerts);
    }

    [Fact]
    public void A_strategic_merge_patch_sending_a_rule_with_only_ports_replaces_the_rule_whole()
    {
        // Ingress rules have no merge key: the rule sent replaces db-allow's, and without `from` it admits every source.
        var alerts = Audit(Cluster, [Event("patch", "networkpolicies", "data", "db-allow", level: "Request", request: """{"spec":{"ingress":[{"ports":[{"port":5432}]}]}}""")]);
        Assert.Equal(
            ["network-policy-tampering 2024-05-01T03:00:00Z mallory patch NetworkPolicy data/db-allow | 0.0.0.0-255.255.255.255[External] => data/db[Pod] : TCP 5432; ops/tool[Pod] => data/db[Pod] : TCP 5432"],
            alerts);
    }

    [Fact]
    public void A_delete_answered_with_a_status_removes_the_policy_and_pairs_that_had_a_port_gain_the_rest()
    {
        const string status = """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"db-allow","group":"networking.k8s.io","kind":"networkpolicies"}}""";
        var alerts = Audit(Cluster, [Event("delete", "networkpolicies", "data", "db-allow", request: """{"kind":"DeleteOptions","apiVersion":"meta.k8s.io/v1"}""", response: status)]);
        const string rest = "SCTP 1-65535,TCP 1-5431,5433-65535,UDP 1-65535";
        Assert.Equal(
            [$"network-policy-tampering 2024-05-01T03:00:00Z mallory delete NetworkPolicy data/db-allow | 0.0.0.0-255.255.255.255[External] => data/db[Pod] : All Connections; "
                + $"ops/tool[Pod] => data/db[Pod] : All Connections; shop/api[Pod] => data/db[Pod] : {rest}; shop/web[Pod] => data/db[Pod] : {rest}"],
            alerts);
    }

    [Theory]
    [InlineData("patch", """{"metadata":{"labels":{"kubernetes.io/metadata.name":null}}}""")]
    [InlineData("patch", """[{"op":"remove","path":"/metadata/labels/kubernetes.io~1metadata.name"}]""")]
    [InlineData("update", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ops","labels":{"name":"ops","kubernetes.io/metadata.name":"shop"}}}""")]
    public void A_namespace_keeps_its_name_label_whatever_a_write_says(string verb, string body)
    {
        // The API server sets kubernetes.io/metadata.name to the namespace's name on every write: ops stays NotIn [ops].
        var alerts = Audit(Cluster + NotOps, [Event(verb, "namespaces", name: "ops", level: "Request", request: body)]);
        Assert.Empty(alerts);
    }

    [Fact]
    public void Writes_received_at_one_instant_apply_in_the_order_of_the_resource_versions_they_produced()
    {
        // bob's write (resourceVersion 100) came first, alice's (200) last, though the file has them the other way round.
        var alerts = Audit(Cluster,
        [
            Event("patch", "namespaces", name: "ops", user: "alice", request: Labels("""{"env":"prod"}"""), response: OpsNamespace("""{"name":"ops","env":"prod"}""", "200")),
            Event("patch", "namespaces", name: "ops", user: "bob", request: Labels("""{"env":"dev"}"""), response: OpsNamespace("""{"name":"ops","env":"dev"}""", "100")),
        ]);
        Assert.Equal(["label-change-opened 2024-05-01T03:00:00Z alice patch Namespace ops | ops/tool[Pod] => data/db[Pod] : TCP 5432"], alerts);
    }

    [Fact]
    public void Stages_in_any_order_are_one_request_and_a_refusal_after_request_received_changes_nothing()
    {
        const string wide = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"wide","namespace":"data"},
             "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"namespaceSelector":{}}]}]}}
            """;
        var alerts = Audit(Cluster + ByAccess,
        [
            Event("create", "networkpolicies", "data", id: "a", stage: "RequestReceived", code: null, request: wide),
            Event("create", "networkpolicies", "data", id: "a", code: 409, request: wide),
            Event("patch", "namespaces", name: "ops", id: "b", at: "03:02", request: Labels("""{"env":"prod"}"""), response: OpsNamespace("""{"name":"ops","env":"prod"}""", "7")),
            Event("patch", "namespaces", name: "ops", id: "b", at: "03:02", stage: "RequestReceived", code: null, request: Labels("""{"env":"prod"}""")),
            Event("patch", "pods", "ops", "tool", id: "c", at: "03:04", stage: "RequestReceived", code: null, request: Labels("""{"access":"db"}""")),
            Event("patch", "pods", "ops", "tool", id: "c", at: "03:04", stage: "ResponseStarted", request: Labels("""{"access":"db"}""")),
            Event("patch", "pods", "ops", "tool", id: "c", at: "03:04", request: Labels("""{"access":"db"}"""), response: ToolPod("""{"app":"tool","access":"db"}""")),
        ]);
        Assert.Equal(
        [
            "label-change-opened 2024-05-01T03:02:00Z mallory patch Namespace ops | ops/tool[Pod] => data/db[Pod] : TCP 5432",
            "label-change-opened 2024-05-01T03:04:00Z mallory patch Pod ops/tool | ops/tool[Pod] => data/db[Pod] : TCP 5433",
        ], alerts);
    }

    [Fact]
    public void A_scale_subresource_write_keeps_the_workloads_template()
    {
        const string runner = """

            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: runner, namespace: ops}
            spec:
              replicas: 1
              selector: {matchLabels: {app: runner}}
              template:
                metadata: {labels: {app: runner}}
                spec: {containers: [{name: c, image: x}]}
            """;
        const string scale = """{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"runner","namespace":"ops"},"spec":{"replicas":3},"status":{"replicas":1,"selector":"app=runner"}}""";
        var alerts = Audit(Cluster + ByAccess + runner,
        [
            Event("patch", "deployments", "ops", "runner", subresource: "scale", request: """{"spec":{"replicas":3}}""", response: scale),
            Event("update", "deployments", "ops", "runner", subresource: "scale", at: "03:01", request: scale, response: scale),
            Event("patch", "deployments", "ops", "runner", at: "03:05", level: "Request", request: """{"spec":{"template":{"metadata":{"labels":{"access":"db"}}}}}"""),
        ]);
        Assert.Equal(["label-change-opened 2024-05-01T03:05:00Z mallory patch Deployment ops/runner | ops/runner[Deployment] => data/db[Pod] : TCP 5432-5433"], alerts);
    }

    [Fact]
    public void A_trusted_users_label_change_is_reported_and_their_policy_writes_are_replayed_unreported()
    {
        var alerts = Audit(Cluster,
        [
            Event("create", "networkpolicies", "data", user: "alice", request: ByAccessJson, response: ByAccessJson, code: 201),
            Event("patch", "pods", "ops", "tool", user: "alice", at: "03:05", level: "Request", request: Labels("""{"access":"db"}""")),
            Event("patch", "networkpolicies", "data", "by-access", user: "alice", at: "03:10", level: "Request", request: """[{"op":"add","path":"/spec/ingress/0/ports/-","value":{"port":5434}}]"""),
            Event("patch", "networkpolicies", "data", "by-access", at: "03:15", level: "Request", request: """[{"op":"add","path":"/spec/ingress/0/ports/-","value":{"port":5435}}]"""),
        ], "--trusted-users", "alice");
        Assert.Equal(
        [
            "label-change-opened 2024-05-01T03:05:00Z alice patch Pod ops/tool | ops/tool[Pod] => data/db[Pod] : TCP 5432-5433",
            "network-policy-tampering 2024-05-01T03:15:00Z mallory patch NetworkPolicy data/by-access | ops/tool[Pod] => data/db[Pod] : TCP 5435",
        ], alerts);
    }

    private const string ByAccessJson = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"by-access","namespace":"data"},
         "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],
                 "ingress":[{"from":[{"namespaceSelector":{},"podSelector":{"matchLabels":{"access":"db"}}}],"ports":[{"port":5432},{"port":5433}]}]}}
        """;

    [Fact]
    public void A_connection_that_needed_ingress_and_egress_opened_at_the_second_write()
    {
        string[] log =
        [
            Event("create", "networkpolicies", "data", user: "alice", request: ToolDb, response: ToolDb, code: 201),
            Event("create", "networkpolicies", "ops", user: "bob", at: "03:05", request: ToolEgress, response: ToolEgress, code: 201),
        ];
        Assert.Equal(
        [
            "network-policy-tampering 2024-05-01T03:00:00Z alice create NetworkPolicy data/tool-db | ",
            "network-policy-tampering 2024-05-01T03:05:00Z bob create NetworkPolicy ops/tool-egress | ops/tool[Pod] => data/db[Pod] : TCP 5432",
        ], Audit(Cluster + DenyOpsEgress, log));
        Assert.Equal(
        [
            "policy-violation ops/tool[Pod] > data/db[Pod] 5432 x1 2024-05-01T03:02:00Z..2024-05-01T03:02:00Z",
            "via-policy-change ops/tool[Pod] > data/db[Pod] 5432 x1 2024-05-01T03:10:00Z..2024-05-01T03:10:00Z cause 2024-05-01T03:05:00Z bob create NetworkPolicy ops/tool-egress",
        ], Check(Cluster + DenyOpsEgress, [Flow("03:02", Tool, Db, 5432), Flow("03:10", Tool, Db, 5432)], log));
    }

    [Fact]
    public void A_connection_narrowed_but_still_allowed_keeps_its_cause_and_one_moved_between_ports_names_each_write()
    {
        // alice admits tool on every port; bob narrows to 5432 (5433 closes); carol moves it to 5433 by JSON Patch; dave
        // replaces the rule with one on both ports from anywhere. 5432: allowed 03:00-03:10 and again from 03:15.
        const string allPorts = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"tool-db","namespace":"data"},
             "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"name":"ops"}}}]}]}}
            """;
        var alerts = Check(Cluster,
            [
                Flow("03:02", Tool, Db, 5432), Flow("03:03", Tool, Db, 5433), Flow("03:07", Tool, Db, 5432), Flow("03:07", Tool, Db, 5433),
                Flow("03:12", Tool, Db, 5433), Flow("03:20", Tool, Db, 5432), Flow("03:20", Tool, Db, 5433),
            ],
            Event("create", "networkpolicies", "data", user: "alice", request: allPorts, response: allPorts, code: 201),
            Event("patch", "networkpolicies", "data", "tool-db", user: "bob", at: "03:05", level: "Request",
                request: """{"spec":{"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"name":"ops"}}}],"ports":[{"port":5432}]}]}}"""),
            Event("patch", "networkpolicies", "data", "tool-db", user: "carol", at: "03:10", level: "Request",
                request: """[{"op":"replace","path":"/spec/ingress/0/ports/0/port","value":5433}]"""),
            Event("patch", "networkpolicies", "data", "tool-db", user: "dave", at: "03:15", level: "Request",
                request: """{"spec":{"ingress":[{"ports":[{"port":5432},{"port":5433}]}]}}"""));
        Assert.Equal(
        [
            "policy-violation ops/tool[Pod] > data/db[Pod] 5433 x1 2024-05-01T03:07:00Z..2024-05-01T03:07:00Z",
            "via-policy-change ops/tool[Pod] > data/db[Pod] 5432 x1 2024-05-01T03:20:00Z..2024-05-01T03:20:00Z cause 2024-05-01T03:15:00Z dave patch NetworkPolicy data/tool-db",
            "via-policy-change ops/tool[Pod] > data/db[Pod] 5432,5433 x3 2024-05-01T03:02:00Z..2024-05-01T03:07:00Z cause 2024-05-01T03:00:00Z alice create NetworkPolicy data/tool-db",
            "via-policy-change ops/tool[Pod] > data/db[Pod] 5433 x2 2024-05-01T03:12:00Z..2024-05-01T03:20:00Z cause 2024-05-01T03:10:00Z carol patch NetworkPolicy data/tool-db",
        ], alerts);
    }

    [Fact]
    public void A_namespace_and_pod_the_log_created_then_relabelled_name_the_relabel_as_the_cause()
    {
        const string ns = """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ops9","labels":{"name":"ops9"}}}""";
        const string pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"t3","namespace":"ops9","labels":{"app":"t3"},"creationTimestamp":"2024-05-01T03:01:00Z"},
             "spec":{"nodeName":"node-1","containers":[{"name":"c","image":"x"}]},"status":{"phase":"Running","podIP":"10.0.9.10","podIPs":[{"ip":"10.0.9.10"}]}}
            """;
        string[] log =
        [
            Event("create", "namespaces", request: ns, response: ns, code: 201),
            Event("create", "pods", "ops9", at: "03:01", request: pod, response: pod, code: 201),
            Event("patch", "namespaces", name: "ops9", user: "bob", at: "03:05", level: "Request", request: Labels("""{"env":"prod"}""")),
        ];
        Assert.Equal(["label-change-opened 2024-05-01T03:05:00Z bob patch Namespace ops9 | ops9/t3[Pod] => data/db[Pod] : TCP 5432"], Audit(Cluster, log));
        Assert.Equal(
        [
            "policy-violation ops9/t3[Pod] > data/db[Pod] 5432 x1 2024-05-01T03:02:00Z..2024-05-01T03:02:00Z",
            "via-policy-change ops9/t3[Pod] > data/db[Pod] 5432 x1 2024-05-01T03:06:00Z..2024-05-01T03:06:00Z cause 2024-05-01T03:05:00Z bob patch Namespace ops9",
        ], Check(Cluster, [Flow("03:02", "10.0.9.10", Db, 5432), Flow("03:06", "10.0.9.10", Db, 5432), Flow("03:06", Web, Db, 5432)], log));
    }
}
