using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Palisade.Audit.Detection;
using Palisade.Audit.Detectors;
using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Input;
using Palisade.Kubernetes.Replay;
using Palisade.Model;
using Palisade.Server.Tests.Support;
using static Palisade.Testing.AuditLines;

namespace Palisade.Server.Tests.Detection;

/// <summary>
/// Writes audited at the Request level (the request's body, no responseObject: what many audit policies keep for
/// writes) raise in the service what <c>palisade audit</c> raises on the same log: without a cluster on either side,
/// and on a watched cluster, with <c>audit</c> starting from the service's listing.
/// </summary>
public sealed class RequestLevelParityTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string AllowAll = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-all","namespace":"shop"},"spec":{"podSelector":{},"ingress":[{}]}}""";
    private const string NodePort = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"type":"NodePort","selector":{"app":"web"},"ports":[{"port":80}]}}""";
    private const string ClusterIp = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"api","namespace":"shop"},"spec":{"selector":{"app":"api"},"ports":[{"port":80}]}}""";
    private const string LoadBalancer = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"api","namespace":"shop"},"spec":{"type":"LoadBalancer","selector":{"app":"api"},"ports":[{"port":80}]}}""";
    private const string HostPod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"probe","namespace":"shop","labels":{"app":"probe"}},"spec":{"hostNetwork":true,"containers":[{"name":"c","image":"x"}]}}""";
    private const string AdminBinding = """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"pwn"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"User","name":"mallory"}]}""";

    private static readonly string[] Lines =
    [
        Event("create", "networkpolicies", "shop", "allow-all", level: "Request", request: AllowAll, code: null, id: "np", stage: "RequestReceived", at: "03:00:00.000000"),
        Event("create", "networkpolicies", "shop", "allow-all", level: "Request", request: AllowAll, code: 201, id: "np", at: "03:00:00.000000"),
        Event("create", "services", "shop", "web", level: "Request", request: NodePort, code: 201, at: "03:00:01"),
        Event("create", "services", "shop", "api", level: "Request", request: ClusterIp, code: 201, at: "03:00:02"),
        Event("update", "services", "shop", "api", level: "Request", request: LoadBalancer, code: 200, at: "03:00:03"),
        Event("patch", "services", "shop", "db", level: "Request", request: """{"spec":{"type":"NodePort"}}""", code: 200, at: "03:00:04"),
        Event("create", "pods", "shop", "probe", level: "Request", request: HostPod, code: 201, at: "03:00:05"),
        Event("create", "clusterrolebindings", name: "pwn", level: "Request", request: AdminBinding, code: 201, at: "03:00:06"),
        Event("create", "pods", "shop", "probe", subresource: "exec", level: "Request", code: 101, at: "03:00:07"),
        Event("patch", "networkpolicies", "shop", "allow-all", level: "Request", request: """{"spec":{"ingress":[{}]}}""", code: 200, at: "03:00:08"),
        Event("delete", "networkpolicies", "shop", "allow-all", level: "Request", request: """{"kind":"DeleteOptions","apiVersion":"v1"}""", code: 200, at: "03:00:09"),
        Event("patch", "networkpolicies", "shop", "gone", level: "Request", request: """{"spec":{"ingress":[{}]}}""", code: 404, at: "03:00:10"),
    ];

    [Fact]
    public async Task The_service_raises_what_palisade_audit_raises_on_request_level_writes()
    {
        var expected = Cli(Lines, new AuditStart(new ClusterBuilder(DuplicateRule.Reject).Build(), ObjectStore.Empty, false, new ReplayModel()));
        await using var server = await TestServer.StartAsync();

        using (var response = await server.Client.PostAsync("api/v1/ingest/audit", new StringContent(Log(Lines)), Cancel))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var (cli, served) = (string.Join("\n", expected), string.Join("\n", await Served(server)));
        Assert.True(cli == served, $"palisade audit:\n{cli}\nserve:\n{served}");
    }

    private const string Cluster = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}, resourceVersion: "10"}
        spec: {containers: [{name: web, image: web, ports: [{containerPort: 80}]}]}
        status: {phase: Running, podIP: 10.244.1.2}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api, namespace: shop, labels: {app: api}, resourceVersion: "11"}
        spec: {containers: [{name: api, image: api}]}
        status: {phase: Running, podIP: 10.244.1.3}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: report, namespace: shop, labels: {app: report}, resourceVersion: "12"}
        spec: {containers: [{name: report, image: report}]}
        status: {phase: Running, podIP: 10.244.1.4}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop, resourceVersion: "13"}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 80, protocol: TCP}]}]
        """;

    private const string WebPolicyTo81 = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"web","namespace":"shop","resourceVersion":"13"},"spec":{"podSelector":{"matchLabels":{"app":"web"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"api"}}}],"ports":[{"port":80,"protocol":"TCP"},{"port":81,"protocol":"TCP"}]}]}}""";
    private const string ReportPolicy = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"report","namespace":"shop"},"spec":{"podSelector":{"matchLabels":{"app":"report"}},"policyTypes":["Ingress"],"ingress":[]}}""";

    [Fact]
    public async Task On_a_watched_cluster_request_level_writes_open_what_palisade_audit_says_they_open()
    {
        await using var api = await Palisade.Testing.FakeApi.FakeApiServer.StartAsync(cancellationToken: Cancel);
        api.AddManifests(Cluster);
        await using var server = await TestServer.WatchingAsync(api);
        // Received after the listing, as the webhook sends them; the watch never shows them (the fake API is not written).
        var t = DateTimeOffset.UtcNow.AddSeconds(1);
        string At(int seconds) => t.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        string[] lines =
        [
            Event("patch", "pods", "shop", "report", level: "Request", request: """{"metadata":{"labels":{"app":"api"}}}""", code: 200, at: "03:00:01"),
            Event("update", "networkpolicies", "shop", "web", level: "Request", request: WebPolicyTo81, code: 200, at: "03:00:02"),
            Event("create", "networkpolicies", "shop", "report", level: "Request", request: ReportPolicy, code: 201, at: "03:00:03"),
            Event("patch", "pods", "shop", "web", level: "Request", request: """{"metadata":{"labels":{"app":"other"}}}""", code: 200, at: "03:00:04"),
            Event("delete", "networkpolicies", "shop", "report", level: "Request", request: """{"kind":"DeleteOptions","apiVersion":"v1"}""", code: 200, at: "03:00:05"),
        ];
        for (var i = 0; i < lines.Length; i++)
            lines[i] = lines[i].Replace($"2024-05-01T03:00:0{i + 1}Z", At(i), StringComparison.Ordinal);
        var snapshot = server.Server.State.Live!.Current!;
        var expected = Cli(lines, new AuditStart(snapshot.Cluster, snapshot.Bodies, true, new ReplayModel()));

        using (var response = await server.Client.PostAsync("api/v1/ingest/audit", new StringContent(Log(lines)), Cancel))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var (cli, served) = (string.Join("\n", expected), string.Join("\n", await Served(server)));
        Assert.True(cli == served, $"palisade audit:\n{cli}\nserve:\n{served}");
    }

    private static async Task<IEnumerable<string>> Served(TestServer server)
    {
        var stored = await server.Server.State.Store.ReadAfterAsync(0, 1000, Cancel);
        await TestServer.Until(() => server.Server.State.Store.DetectionCursorAsync(Cancel).GetAwaiter().GetResult() >= stored[^1].Id);
        var alerts = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts", Cancel))!["alerts"]!.AsArray();
        return alerts.Select(a => Line(a!["rule"]!.GetValue<string>(), a["time"]!.GetValue<string>(), a["user"]!.GetValue<string>(),
            a["verb"]!.GetValue<string>(), a["object"]!.GetValue<string>(), a["opened"]!.AsArray().Select(o => o!.GetValue<string>()))).Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Cli(string[] lines, AuditStart start)
    {
        using var source = InputSource.FromStream("audit.log", new MemoryStream(Encoding.UTF8.GetBytes(Log(lines))));
        var events = new AuditEventReader().Read(source, new ReadDiagnostics(strict: true)).ToList();
        var (result, _) = AuditRun.Run(events, start, AuditRuleCatalog.Create(), AuditRun.Context(start, new HashSet<string>(), showDenied: false));
        Assert.NotEmpty(result.Alerts);
        return result.Alerts.Select(a => Line(a.Rule, a.TimeText ?? Palisade.Reporting.Rfc3339.Format(a.Time), a.User, a.Verb, a.Object, a.Opened)).Order(StringComparer.Ordinal).ToList();
    }

    private static string Line(string rule, string time, string user, string verb, string obj, IEnumerable<string> opened) =>
        $"{rule} {time} {user} {verb} {obj} [{string.Join("; ", opened)}]";
}
