using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;
using Palisade.Testing;
using static Palisade.Server.Tests.Support.AlertParity;

namespace Palisade.Server.Tests.Detection;

/// <summary>
/// The service raises the alerts the command line raises on the same input (the Detection contract measures both):
/// the same flow records given to <c>flows check --cluster</c> and posted to the service watching that cluster, and the
/// same audit events given to <c>audit --cluster</c> and posted to its webhook endpoint, compared field by field. Each
/// scenario covers every flow detector the service runs (all but <c>new-connection</c>, which needs a baseline, and
/// <c>via-policy-change</c>, whose cause SplitIngestTests compares) or every
/// audit rule, with the writes whose judgement depends on earlier ones in the log.
/// </summary>
public sealed class CliParityTests() : WatchedClusterTest(Manifests)
{
    private const string Web = "10.244.1.5";
    private const string Db = "10.244.1.7";
    private const string Report = "10.244.1.8";

    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: shop}}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: node-1}
        status: {addresses: [{type: InternalIP, address: 10.0.0.11}]}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: node-2}
        status: {addresses: [{type: InternalIP, address: 10.0.0.12}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}, resourceVersion: "100"}
        spec: {nodeName: node-1, containers: [{name: web, image: x, ports: [{containerPort: 8080}]}]}
        status: {phase: Running, podIP: 10.244.1.5, podIPs: [{ip: 10.244.1.5}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}, resourceVersion: "101"}
        spec: {nodeName: node-2, containers: [{name: db, image: x, ports: [{name: pg, containerPort: 5432}]}]}
        status: {phase: Running, podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}], hostIP: 10.0.0.12}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: report, namespace: shop, labels: {app: report}, resourceVersion: "102"}
        spec: {nodeName: node-1, containers: [{name: report, image: x}]}
        status: {phase: Running, podIP: 10.244.1.8, podIPs: [{ip: 10.244.1.8}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop, resourceVersion: "103"}
        spec: {type: ClusterIP, clusterIP: 10.96.0.20, selector: {app: web}, ports: [{port: 80, targetPort: 8080, protocol: TCP}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-ingress, namespace: shop, resourceVersion: "104"}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432, protocol: TCP}]}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web-deny, namespace: shop, resourceVersion: "105"}
        spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}
        """;

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>One Hubble flow event as <c>hubble observe -o json</c> writes it.</summary>
    private static string Hubble(DateTimeOffset time, string src, string dst, int srcPort, int dstPort, string protocol = "TCP", string verdict = "FORWARDED",
        string node = "node-1", string? direction = null, string? dnsQuery = null, string? authorization = null)
    {
        var flow = new JsonObject
        {
            ["time"] = Stamp(time),
            ["verdict"] = verdict,
            ["IP"] = new JsonObject { ["source"] = src, ["destination"] = dst, ["ipVersion"] = "IPv4" },
            ["l4"] = new JsonObject { [protocol] = new JsonObject { ["source_port"] = srcPort, ["destination_port"] = dstPort } },
            ["Type"] = dnsQuery is null && authorization is null ? "L3_L4" : "L7",
            ["node_name"] = node,
            ["is_reply"] = false,
        };
        if (verdict == "DROPPED")
            flow["drop_reason_desc"] = "POLICY_DENIED";
        if (direction is not null)
            flow["traffic_direction"] = direction;
        if (dnsQuery is not null)
            flow["l7"] = new JsonObject { ["type"] = "REQUEST", ["dns"] = new JsonObject { ["query"] = dnsQuery, ["qtypes"] = new JsonArray("A") } };
        if (authorization is not null)
        {
            flow["l7"] = new JsonObject
            {
                ["type"] = "REQUEST",
                ["http"] = new JsonObject
                {
                    ["method"] = "GET", ["url"] = $"http://{dst}:{dstPort}/orders", ["protocol"] = "HTTP/1.1",
                    ["headers"] = new JsonArray(new JsonObject { ["key"] = "Authorization", ["value"] = authorization }),
                },
            };
        }
        return new JsonObject { ["flow"] = flow, ["node_name"] = node, ["time"] = Stamp(time) }.ToJsonString() + "\n";
    }

    private string Cluster()
    {
        var path = Path.Combine(Server.Directory, "cluster.yaml");
        File.WriteAllText(path, Manifests);
        return path;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Flows_give_the_alerts_of_flows_check(int requests)
    {
        var body = string.Concat(
            // internet-egress, twice on one connection's key (count, ports).
            Hubble(Start, Web, "203.0.113.9", 45000, 443),
            Hubble(Start.AddSeconds(1), Web, "203.0.113.9", 45001, 8443),
            // policy-violation: report into db on 5432, which db-ingress denies, delivered at db's node.
            Hubble(Start.AddSeconds(2), Report, Db, 41000, 5432, node: "node-2", direction: "INGRESS"),
            // denied-attempt: dropped at db's node.
            Hubble(Start.AddSeconds(3), Report, Db, 41001, 5432, verdict: "DROPPED", node: "node-2", direction: "INGRESS"),
            // metadata-access and control-plane-access (a node's kubelet).
            Hubble(Start.AddSeconds(4), Report, "169.254.169.254", 41002, 80),
            Hubble(Start.AddSeconds(5), Report, "10.0.0.12", 41003, 10250),
            // plaintext: clear HTTP with an Authorization header, web to db (allowed); a DNS label over 50 characters.
            Hubble(Start.AddSeconds(6), Web, Db, 43000, 5432, node: "node-2", direction: "INGRESS", authorization: "Bearer abc"),
            Hubble(Start.AddSeconds(7), Report, "10.96.0.10", 43001, 53, protocol: "UDP", dnsQuery: new string('a', 60) + ".exfil-example.net."));
        // port-scan: 25 ports of db within 60 s, dropped.
        for (var p = 0; p < 25; p++)
            body += Hubble(Start.AddSeconds(10).AddMilliseconds(p * 100), Report, Db, 42000 + p, 9000 + p, verdict: "DROPPED", node: "node-2", direction: "INGRESS");
        // dns-exfiltration: 55 names under one domain within 60 s.
        for (var n = 0; n < 55; n++)
            body += Hubble(Start.AddSeconds(20).AddMilliseconds(n * 200), Web, "10.96.0.10", 50000 + n, 53, protocol: "UDP", dnsQuery: $"c{n}x.leak-example.com.");
        var flows = Path.Combine(Server.Directory, "flows.json");
        File.WriteAllText(flows, body);
        var cli = Command("flows", "check", flows, "--cluster", Cluster());
        Assert.Equal(["control-plane-access", "denied-attempt", "dns-exfiltration", "internet-egress", "metadata-access", "plaintext", "policy-violation", "port-scan"], Names(cli));

        // Split into requests at every n-th record (inside the scan's window, the DNS burst), each detected before the next.
        var records = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var size = (records.Length + requests - 1) / requests;
        for (var at = 0; at < records.Length; at += size)
        {
            await Ingest("api/v1/ingest/hubble", string.Concat(records.Skip(at).Take(size).Select(r => r + "\n")));
            await Settled();
        }

        Same(cli, await Settled());
    }

    /// <summary>Audit events received one second apart from now on (after the service's listing, as the webhook sends them).</summary>
    internal static string[] Timed(params string[] lines)
    {
        var t = DateTimeOffset.UtcNow.AddSeconds(1);
        for (var i = 0; i < lines.Length; i++)
        {
            var e = JsonNode.Parse(lines[i])!.AsObject();
            e["requestReceivedTimestamp"] = Stamp(t.AddSeconds(i));
            e["stageTimestamp"] = Stamp(t.AddSeconds(i).AddMilliseconds(5));
            lines[i] = e.ToJsonString();
        }
        return lines;
    }

    private const string AllowReport = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-report","namespace":"shop"},"spec":{"podSelector":{"matchLabels":{"app":"web"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"report"}}}]}]}}""";
    private const string NodePort = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"edge","namespace":"shop"},"spec":{"type":"NodePort","selector":{"app":"web"},"ports":[{"port":80}]}}""";
    private const string HostPod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"probe","namespace":"shop","labels":{"app":"probe"}},"spec":{"hostNetwork":true,"containers":[{"name":"c","image":"x"}]}}""";
    private const string AdminBinding = """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"pwn"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"User","name":"mallory"}]}""";
    private const string WildRole = """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"wild","namespace":"shop"},"rules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}""";

    /// <summary>Every audit rule, at RequestResponse level, on the watched cluster.</summary>
    internal static string[] EveryRule() => Timed(
        AuditLines.Event("create", "networkpolicies", "shop", user: "mallory", request: AllowReport, response: AllowReport, code: 201),
        AuditLines.Event("patch", "pods", "shop", "db", user: "mallory", level: "Request", request: """{"metadata":{"labels":{"app":"report"}}}""", code: 200),
        AuditLines.Event("create", "pods", "shop", "db", subresource: "exec", user: "eve", code: 101, query: "command=sh&stdin=true&tty=true"),
        AuditLines.Event("create", "services", "shop", user: "mallory", request: NodePort, response: NodePort, code: 201),
        AuditLines.Event("create", "clusterrolebindings", user: "mallory", request: AdminBinding, response: AdminBinding, code: 201),
        AuditLines.Event("create", "roles", "shop", user: "mallory", request: WildRole, response: WildRole, code: 201),
        AuditLines.Event("list", "pods", "shop", user: "system:anonymous", groups: ["system:unauthenticated"], level: "Metadata"),
        AuditLines.Event("list", "secrets", user: "bob", level: "Metadata"),
        AuditLines.Event("get", "secrets", "kube-system", "token", user: "bob", level: "Metadata"),
        AuditLines.Event("create", "pods", "shop", user: "mallory", request: HostPod, response: HostPod, code: 201),
        AuditLines.Event("delete", "networkpolicies", "shop", "web-deny", user: "mallory", level: "Metadata", code: 200));

    /// <summary>
    /// Writes whose judgement depends on earlier writes of the log: a Service patched at Request level (its body
    /// unknown, what the patches set remembered), the same patch again, then another type.
    /// </summary>
    internal static string[] Repeated() => Timed(
        AuditLines.Event("patch", "services", "shop", "ghost", user: "mallory", level: "Request", request: """{"spec":{"type":"ClusterIP"}}""", code: 200),
        AuditLines.Event("patch", "services", "shop", "ghost", user: "mallory", level: "Request", request: """{"spec":{"type":"NodePort"}}""", code: 200),
        AuditLines.Event("patch", "services", "shop", "ghost", user: "mallory", level: "Request", request: """{"spec":{"type":"NodePort"}}""", code: 200),
        AuditLines.Event("patch", "services", "shop", "web", user: "mallory", level: "Request", request: """{"spec":{"type":"LoadBalancer"}}""", code: 200),
        AuditLines.Event("patch", "services", "shop", "web", user: "mallory", level: "Request", request: """{"spec":{"type":"LoadBalancer"}}""", code: 200),
        AuditLines.Event("create", "services", "shop", user: "mallory", request: NodePort, response: NodePort, code: 201),
        AuditLines.Event("update", "services", "shop", "edge", user: "mallory", level: "Request", request: NodePort, code: 200));

    private static string Applied(params string[] externalIps)
    {
        var spec = new JsonObject { ["selector"] = new JsonObject { ["app"] = "web" }, ["ports"] = new JsonArray(new JsonObject { ["port"] = 80 }) };
        if (externalIps.Length > 0)
            spec["externalIPs"] = new JsonArray([.. externalIps.Select(a => (JsonNode)a)]);
        return new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = new JsonObject { ["name"] = "edge", ["namespace"] = "shop" }, ["spec"] = spec,
        }.ToJsonString();
    }

    /// <summary>
    /// A GitOps controller's server-side applies at Request level: the object created, an address dropped from its
    /// configuration (the server's field management removes it), then given again: a gained address each time.
    /// </summary>
    internal static string[] ServerSideApplied() => Timed(
        AuditLines.Event("patch", "services", "shop", "edge", user: "flux", level: "Request", request: Applied("198.51.100.1"), code: 201, query: "fieldManager=flux&force=true"),
        AuditLines.Event("patch", "services", "shop", "edge", user: "flux", level: "Request", request: Applied(), code: 200, query: "fieldManager=flux&force=true"),
        AuditLines.Event("patch", "services", "shop", "edge", user: "flux", level: "Request", request: Applied("198.51.100.1"), code: 200, query: "fieldManager=flux&force=true"));

    [Fact]
    public async Task Server_side_applies_give_the_alerts_of_audit_on_the_watched_cluster() =>
        await SameAudit(ServerSideApplied(), cluster: true);

    private const string Generated = """{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"batch-","namespace":"shop","labels":{"app":"batch"}},"spec":{"containers":[{"name":"c","image":"x"}]}}""";

    /// <summary>A pod created under a generateName at Request level, given its address by its kubelet, then relabelled.</summary>
    internal static string[] GeneratedPod() => Timed(
        AuditLines.Event("create", "pods", "shop", user: "system:serviceaccount:kube-system:job-controller", level: "Request", request: Generated, code: 201),
        AuditLines.Event("patch", "pods", "shop", "batch-x7k2p", subresource: "status", user: "system:node:node-1", level: "Request",
            request: """{"status":{"phase":"Running","podIP":"10.244.1.30","podIPs":[{"ip":"10.244.1.30"}]}}""", code: 200),
        AuditLines.Event("patch", "pods", "shop", "batch-x7k2p", user: "mallory", level: "Request", request: """{"metadata":{"labels":{"app":"web"}}}""", code: 200));

    /// <summary>
    /// The service follows a pod created under a generateName by the watch, which shows it with the name the server gave
    /// before its kubelet's status patch (after scheduling and the containers' start); <c>audit</c> follows it by the
    /// create's body (docs/serve.md).
    /// </summary>
    [Fact]
    public async Task A_generated_pod_relabelled_gives_the_alerts_of_audit_on_the_watched_cluster()
    {
        var lines = GeneratedPod();
        var states = Server.Server.State.Live!.History.Count;
        var created = JsonNode.Parse(Generated)!.AsObject();
        created["metadata"]!["name"] = "batch-x7k2p";
        created["metadata"]!.AsObject().Remove("generateName");
        Api.EnqueueWatch(Palisade.Testing.FakeApi.FakeResources.Pods, Palisade.Testing.FakeApi.WatchScript.Close(Palisade.Testing.FakeApi.WatchEvent.Added(Api.Add(created))));
        await TestServer.Until(() => Server.Server.State.Live!.History.Count > states);

        Assert.Equal(["label-change-opened"], Names(await SameAudit(lines, cluster: true)));
    }

    [Fact]
    public async Task Every_audit_rule_gives_the_alerts_of_audit_on_the_watched_cluster() =>
        Assert.Equal(EveryRuleName, Names(await SameAudit(EveryRule(), cluster: true)));

    /// <summary>The rules <see cref="EveryRule"/> raises.</summary>
    internal static readonly string[] EveryRuleName =
        ["anonymous-access", "exec", "exposure-change", "host-network-pod", "label-change-opened", "network-policy-tampering", "rbac-escalation", "secret-access"];

    [Fact]
    public async Task Writes_judged_against_earlier_ones_give_the_alerts_of_audit_on_the_watched_cluster() =>
        await SameAudit(Repeated(), cluster: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Writes_judged_against_earlier_ones_each_posted_alone_give_the_alerts_of_audit_on_the_watched_cluster(bool applied) =>
        await SameAudit(applied ? ServerSideApplied() : Repeated(), cluster: true, oneByOne: true);

    private async Task<List<string>> SameAudit(string[] lines, bool cluster, bool oneByOne = false)
    {
        var log = Path.Combine(Server.Directory, "audit.log");
        File.WriteAllText(log, AuditLines.Log(lines));
        var cli = cluster ? Command("audit", log, "--cluster", Cluster()) : Command("audit", log);

        foreach (var items in oneByOne ? lines.Select(l => new[] { l }) : [lines])
            await Ingest("api/v1/ingest/audit", $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{{string.Join(",", items)}}]}""");

        Same(cli, await Settled());
        return cli;
    }

    private int _records;

    private async Task Ingest(string path, string body) => _records += await Posted(Server, path, body);

    private Task<List<string>> Settled() => Detected(Server, _records);
}
