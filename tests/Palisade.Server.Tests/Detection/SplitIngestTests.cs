using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;
using Palisade.Testing.FakeApi;

namespace Palisade.Server.Tests.Detection;

/// <summary>
/// The service's alerts are those of <c>flows check</c> on the same input (the Detection contract), also when the input
/// arrives in several requests split where a window, a connection or a policy change spans them; each body is
/// detected before the next is sent, the hardest case for a service that runs detection per commit.
/// Cluster: namespace shop, pods web 10.244.1.5 (app=web), db 10.244.1.7 (app=db, listening on 5432) and report
/// 10.244.1.8 (app=report) on node-1 and node-2; db-ingress admits only app=web on TCP 5432; web admits nothing.
/// </summary>
public sealed class SplitIngestTests() : WatchedClusterTest(Manifests)
{
    private const string Web = "10.244.1.5";
    private const string Db = "10.244.1.7";
    private const string Report = "10.244.1.8";

    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
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
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {nodeName: node-1, containers: [{name: web, image: x}]}
        status: {phase: Running, podIP: 10.244.1.5, podIPs: [{ip: 10.244.1.5}], hostIP: 10.0.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}}
        spec: {nodeName: node-2, containers: [{name: db, image: x, ports: [{name: pg, containerPort: 5432}]}]}
        status: {phase: Running, podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}], hostIP: 10.0.0.12}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: report, namespace: shop, labels: {app: report}}
        spec: {nodeName: node-1, containers: [{name: report, image: x}]}
        status: {phase: Running, podIP: 10.244.1.8, podIPs: [{ip: 10.244.1.8}], hostIP: 10.0.0.11}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-ingress, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432, protocol: TCP}]}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web-deny, namespace: shop}
        spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}
        """;

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private int _records;

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>One Hubble flow event as <c>hubble observe -o json</c> writes it.</summary>
    private static string Hubble(DateTimeOffset time, string src, string dst, int srcPort, int dstPort, string protocol = "TCP", string verdict = "FORWARDED",
        string? dropReason = null, string node = "node-1", string? direction = null, bool? reply = false, string? dnsQuery = null)
    {
        var flow = new JsonObject
        {
            ["time"] = Stamp(time),
            ["verdict"] = verdict,
            ["IP"] = new JsonObject { ["source"] = src, ["destination"] = dst, ["ipVersion"] = "IPv4" },
            ["l4"] = new JsonObject { [protocol] = new JsonObject { ["source_port"] = srcPort, ["destination_port"] = dstPort } },
            ["Type"] = dnsQuery is null ? "L3_L4" : "L7",
            ["node_name"] = node,
        };
        if (reply is { } r)
            flow["is_reply"] = r;
        if (dropReason is not null)
            flow["drop_reason_desc"] = dropReason;
        if (direction is not null)
            flow["traffic_direction"] = direction;
        if (dnsQuery is not null)
            flow["l7"] = new JsonObject { ["type"] = "REQUEST", ["dns"] = new JsonObject { ["query"] = dnsQuery, ["qtypes"] = new JsonArray("A") } };
        return new JsonObject { ["flow"] = flow, ["node_name"] = node, ["time"] = Stamp(time) }.ToJsonString() + "\n";
    }

    /// <summary>Posts a body (gzip when asked), asserts 202 for its records, and waits until detection has read everything stored.</summary>
    private async Task Ingest(string path, string body, int records, bool gzip = false)
    {
        HttpContent content;
        if (gzip)
        {
            var packed = new MemoryStream();
            using (var zip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
                zip.Write(Encoding.UTF8.GetBytes(body));
            content = new ByteArrayContent(packed.ToArray());
            content.Headers.ContentEncoding.Add("gzip");
        }
        else
        {
            content = new StringContent(body);
        }
        using (content)
        using (var response = await Server.Client.PostAsync(path, content, Cancel))
        {
            var text = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
            Assert.Equal(records, JsonNode.Parse(text)!["accepted"]!.GetValue<int>());
        }
        _records += records;
        await Detected(_records);
    }

    /// <summary>Waits until the detection cursor has passed that many stored records, and when asked until no flow waits any more.</summary>
    private async Task Detected(int records, bool settled = false)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var metrics = (await Server.Client.GetStringAsync("metrics", Cancel)).Split('\n');
            if (Gauge(metrics, "palisade_detection_cursor") >= records && (!settled || Gauge(metrics, "palisade_detection_flows_waiting") == 0))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"detection did not read {records} records within 20 s");
            await Task.Delay(50, Cancel);
        }
    }

    private static double Gauge(string[] metrics, string name) =>
        metrics.FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal)) is { } line ? double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture) : -1;

    private async Task<List<JsonObject>> Alerts(string? detector = null)
    {
        await Detected(_records, settled: true);
        var text = await Server.Client.GetStringAsync("api/v1/alerts" + (detector is null ? "" : "?detector=" + detector), Cancel);
        return [.. JsonNode.Parse(text)!["alerts"]!.AsArray().Select(a => a!.AsObject())];
    }

    private static string Key(JsonObject a) =>
        $"{(a["detector"] ?? a["rule"])!.GetValue<string>()} {a["src"]?.GetValue<string>()} > {a["dst"]?.GetValue<string>()} x{a["count"]?.GetValue<int>()}";

    [Fact]
    public async Task A_port_scan_split_across_two_bodies_is_one_scan()
    {
        string Probes(int from, int to) => string.Concat(Enumerable.Range(from, to - from).Select(p =>
            Hubble(Start.AddMilliseconds(p * 100), Report, Db, 40000 + p, 8000 + p, verdict: "DROPPED", dropReason: "POLICY_DENIED", node: "node-2")));

        await Ingest("api/v1/ingest/hubble", Probes(0, 12), 12);
        await Ingest("api/v1/ingest/hubble", Probes(12, 25), 13);

        var scan = Assert.Single(await Alerts("port-scan"));
        Assert.Equal("port-scan shop/report[Pod] > shop/db[Pod] x25", Key(scan));
        Assert.Equal(Enumerable.Range(8000, 25), scan["ports"]!.AsArray().Select(p => p!.GetValue<int>()));
    }

    [Fact]
    public async Task A_dns_exfiltration_burst_split_across_two_gzip_bodies_is_one_alert()
    {
        string Queries(int from, int to) => string.Concat(Enumerable.Range(from, to - from).Select(n =>
            Hubble(Start.AddMilliseconds(n * 200), Report, "10.96.0.10", 50000 + n, 53, protocol: "UDP", dnsQuery: $"c{n}x.leak-example.com.")));

        await Ingest("api/v1/ingest/hubble", Queries(0, 30), 30, gzip: true);
        await Ingest("api/v1/ingest/hubble", Queries(30, 55), 25, gzip: true);

        var alert = Assert.Single(await Alerts("dns-exfiltration"));
        Assert.Equal("shop/report[Pod] > *", $"{alert["src"]!.GetValue<string>()} > {alert["dst"]!.GetValue<string>()}");
    }

    [Fact]
    public async Task A_forward_in_one_body_and_its_policy_drop_at_the_next_node_in_another_is_a_denied_attempt_only()
    {
        // report's egress is not isolated, so node-1 lets the connection out; db's ingress on node-2 drops it.
        await Ingest("api/v1/ingest/hubble", Hubble(Start, Report, Db, 41000, 5432, direction: "EGRESS", node: "node-1"), 1);
        await Ingest("api/v1/ingest/hubble",
            Hubble(Start.AddMilliseconds(1), Report, Db, 41000, 5432, verdict: "DROPPED", dropReason: "POLICY_DENIED", direction: "INGRESS", node: "node-2"), 1);

        Assert.Equal(["denied-attempt shop/report[Pod] > shop/db[Pod] x1"], (await Alerts()).Select(Key));
    }

    [Fact]
    public async Task A_forward_and_its_policy_drop_in_bodies_with_a_cluster_change_between_are_a_denied_attempt_only()
    {
        // The forward (0 s) and a later allowed flow of web (6 s) come first; the cluster changes; then db's node reports the drop (4 s).
        await Ingest("api/v1/ingest/hubble", Hubble(Start, Report, Db, 41000, 5432, direction: "EGRESS", node: "node-1")
            + Hubble(Start.AddSeconds(6), Web, Db, 42000, 5432, node: "node-1"), 2);
        var states = Server.Server.State.Live!.History.Count;
        var added = Api.Add(ManifestYaml.ToJson("""
            apiVersion: v1
            kind: Pod
            metadata: {name: batch, namespace: shop, labels: {app: batch}}
            spec: {nodeName: node-1, containers: [{name: batch, image: x}]}
            status: {phase: Running, podIP: 10.244.1.9, podIPs: [{ip: 10.244.1.9}], hostIP: 10.0.0.11}
            """)[0]);
        Api.EnqueueWatch(FakeResources.Pods, WatchScript.Close(WatchEvent.Added(added)));
        await TestServer.Until(() => Server.Server.State.Live!.History.Count > states);
        await Ingest("api/v1/ingest/hubble",
            Hubble(Start.AddSeconds(4), Report, Db, 41000, 5432, verdict: "DROPPED", dropReason: "POLICY_DENIED", direction: "INGRESS", node: "node-2"), 1);

        Assert.Equal(["denied-attempt shop/report[Pod] > shop/db[Pod] x1"], (await Alerts()).Select(Key));
    }

    [Fact]
    public async Task A_vpc_connection_accepted_at_one_interface_and_rejected_at_the_other_in_two_bodies_is_a_denied_attempt_only()
    {
        const string header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n";
        var start = Start.ToUnixTimeSeconds();
        await Ingest("api/v1/ingest/flows?format=vpc", header + $"2 123456789012 eni-a {Report} {Db} 41000 5432 6 1 60 {start} {start + 60} ACCEPT OK\n", 1);
        await Ingest("api/v1/ingest/flows?format=vpc", header + $"2 123456789012 eni-b {Report} {Db} 41000 5432 6 1 60 {start + 1} {start + 61} REJECT OK\n", 1);

        Assert.Equal(["denied-attempt shop/report[Pod] > shop/db[Pod] x1"], (await Alerts()).Select(Key));
    }

    [Fact]
    public async Task A_reply_posted_before_its_request_is_not_a_connection()
    {
        // web calls db on an undeclared high port; db's answer, from that port to web's ephemeral port, is not a connection into web
        // (which admits nothing), whichever body came first: the files given to flows check are taken in time order.
        const string header = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n";
        await Ingest("api/v1/ingest/flows?format=csv", header + $"{Stamp(Start.AddMilliseconds(5))},{Db},40000,{Web},45000,TCP,60,FORWARDED\n", 1);
        await Ingest("api/v1/ingest/flows?format=csv", header + $"{Stamp(Start)},{Web},45000,{Db},40000,TCP,60,FORWARDED\n", 1);

        Assert.Equal(["policy-violation shop/web[Pod] > shop/db[Pod] x1"], (await Alerts()).Select(Key));
    }

    [Fact]
    public async Task A_policy_change_the_audit_webhook_reports_is_the_cause_of_the_connections_it_allowed()
    {
        // mallory creates allow-report: the watch sees it, and the webhook posts its audit event after the flows it allowed.
        const string allowReport = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-report","namespace":"shop"},
             "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"report"}}}]}]}}
            """;
        var states = Server.Server.State.Live!.History.Count;
        var created = DateTimeOffset.UtcNow;
        created = created.AddTicks(-(created.Ticks % 10));
        var added = Api.Add(JsonNode.Parse(allowReport)!.AsObject());
        Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Close(WatchEvent.Added(added)));
        await TestServer.Until(() => Server.Server.State.Live!.History.Count > states);
        var flowTime = DateTimeOffset.UtcNow.AddSeconds(1);

        await Ingest("api/v1/ingest/hubble", Hubble(flowTime, Report, Db, 41000, 5432, node: "node-2", direction: "INGRESS"), 1);
        // Before the webhook's event: the change as the watch saw it, in the contract's shape (Kind ns/name, the API verb; no user known).
        var seen = Assert.Single(await Alerts("via-policy-change"))["cause"]!;
        Assert.Equal(("", "create", "NetworkPolicy shop/allow-report"), (seen["user"]!.GetValue<string>(), seen["verb"]!.GetValue<string>(), seen["object"]!.GetValue<string>()));
        var audit = Palisade.Testing.AuditLines.Event("create", "networkpolicies", "shop", user: "mallory", request: allowReport, response: allowReport, code: 201, id: "np-1")
            .Replace(Palisade.Testing.AuditLines.Time("03:00"), Stamp(created), StringComparison.Ordinal);
        await Ingest("api/v1/ingest/audit", $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{{audit}}]}""", 1);

        var alert = Assert.Single(await Alerts("via-policy-change"));
        var cause = alert["cause"]!;
        Assert.Equal(("via-policy-change shop/report[Pod] > shop/db[Pod] x1", "mallory", "create", "NetworkPolicy shop/allow-report"),
            (Key(alert), cause["user"]!.GetValue<string>(), cause["verb"]!.GetValue<string>(), cause["object"]!.GetValue<string>()));
        Assert.Equal(created, DateTimeOffset.Parse(cause["time"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Contains("by mallory", alert["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_earlier_audited_write_of_the_same_policy_does_not_name_a_later_change()
    {
        // alice creates allow-report (web only) 5 minutes ago; mallory updates it now to admit report. The watch sees the
        // update; the webhook delivers mallory's event after the flows. The cause must never be alice's create.
        const string webOnly = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-report","namespace":"shop"},
             "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"web"}}}]}]}}
            """;
        const string allowReport = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-report","namespace":"shop"},
             "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"report"}}}]}]}}
            """;
        var states = Server.Server.State.Live!.History.Count;
        var first = Api.Add(JsonNode.Parse(webOnly)!.AsObject());
        Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Close(WatchEvent.Added(first)));
        await TestServer.Until(() => Server.Server.State.Live!.History.Count > states);
        var alice = Palisade.Testing.AuditLines.Event("create", "networkpolicies", "shop", user: "alice", request: webOnly, response: webOnly, code: 201, id: "np-a")
            .Replace(Palisade.Testing.AuditLines.Time("03:00"), Stamp(DateTimeOffset.UtcNow.AddMinutes(-5)), StringComparison.Ordinal);
        await Ingest("api/v1/ingest/audit", $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{{alice}}]}""", 1);

        states = Server.Server.State.Live!.History.Count;
        var updated = DateTimeOffset.UtcNow;
        updated = updated.AddTicks(-(updated.Ticks % 10));
        var second = Api.Add(JsonNode.Parse(allowReport)!.AsObject());
        Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Close(WatchEvent.Modified(second)));
        await TestServer.Until(() => Server.Server.State.Live!.History.Count > states);
        await Ingest("api/v1/ingest/hubble", Hubble(DateTimeOffset.UtcNow.AddSeconds(1), Report, Db, 41000, 5432, node: "node-2", direction: "INGRESS"), 1);
        Assert.Single(await Alerts("via-policy-change"));
        var mallory = Palisade.Testing.AuditLines.Event("update", "networkpolicies", "shop", "allow-report", user: "mallory", request: allowReport, response: allowReport, code: 200, id: "np-m")
            .Replace(Palisade.Testing.AuditLines.Time("03:00"), Stamp(updated), StringComparison.Ordinal);
        await Ingest("api/v1/ingest/audit", $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{{mallory}}]}""", 1);
        var cause = Assert.Single(await Alerts("via-policy-change"))["cause"]!;

        Assert.Equal(("mallory", "update"), (cause["user"]!.GetValue<string>(), cause["verb"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_forward_waiting_for_its_drop_is_not_held_while_audit_events_keep_coming()
    {
        // report -> db on TCP 5432 is denied by db-ingress; its forward at node-1 waits 5 s for a drop at node-2 that never
        // comes. Only flow records end the quiet after which it goes to the detectors: audit events arriving every 0.5 s do not.
        await Ingest("api/v1/ingest/hubble", Hubble(DateTimeOffset.UtcNow, Report, Db, 41001, 5432, node: "node-1", direction: "EGRESS"), 1);
        for (var i = 0; i < 24; i++)
        {
            var e = Palisade.Testing.AuditLines.Event("get", "configmaps", "shop", "c" + i, user: "bob", id: "cm-" + i);
            await Ingest("api/v1/ingest/audit", $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{{e}}]}""", 1);
            await Task.Delay(500, Cancel);
        }
        // 12 s after the flow, 7 s past the quiet: its alert is stored.
        var text = await Server.Client.GetStringAsync("api/v1/alerts", Cancel);
        Assert.Contains("policy-violation", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_body_without_its_header_is_read_in_the_contracts_column_order_as_flows_check_reads_it()
    {
        await Ingest("api/v1/ingest/flows?format=csv", $"{Stamp(Start)},{Web},45000,203.0.113.9,443,TCP,60,FORWARDED\n", 1);

        Assert.Equal(["internet-egress shop/web[Pod] > 203.0.113.9 x1"], (await Alerts()).Select(Key));
    }

    [Fact]
    public async Task The_stages_of_one_exec_in_two_gzip_event_lists_are_one_alert()
    {
        string Stage(string stage, int code) => Palisade.Testing.AuditLines.Event("create", "pods", "shop", "db", subresource: "exec", user: "eve",
            code: code, id: "exec-1", stage: stage, query: "command=sh&stdin=true&tty=true");
        string List(string item) => $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{{item}}]}""";

        await Ingest("api/v1/ingest/audit", List(Stage("ResponseStarted", 101)), 1, gzip: true);
        await Ingest("api/v1/ingest/audit", List(Stage("ResponseComplete", 101)), 1, gzip: true);

        var alert = Assert.Single(await Alerts());
        Assert.Equal(("exec", "Pod shop/db", "eve"), (alert["rule"]!.GetValue<string>(), alert["object"]!.GetValue<string>(), alert["user"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Requests_under_one_audit_id_a_client_chose_are_each_stored_and_judged()
    {
        // The API server takes the Audit-ID header a client sends as the auditID: a later request under the id of an earlier
        // one is no retry of it, and no stage of it.
        string Read(string name, string at) => Palisade.Testing.AuditLines.Event("get", "secrets", "kube-system", name, user: "eve", id: "chosen", at: at, level: "Metadata");
        string List(string item) => $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{{item}}]}""";

        await Ingest("api/v1/ingest/audit", List(Read("a", "03:00")), 1);
        await Ingest("api/v1/ingest/audit", List(Read("b", "03:01")), 1);

        Assert.Equal(["Secret kube-system/a", "Secret kube-system/b"], (await Alerts("secret-access")).Select(a => a["object"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task A_truncated_audit_event_list_is_400_and_stores_nothing()
    {
        var list = Bodies.AuditList(("id-t", "delete", "networkpolicies", "shop", "db-ingress", "mallory"));
        using var response = await Server.Client.PostAsync("api/v1/ingest/audit", new StringContent(list[..(list.Length - 3)]), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Server.Server.State.Store.CountSinceAsync(Palisade.Server.Storage.RecordKind.Audit, DateTimeOffset.UnixEpoch, Cancel));
    }
}
