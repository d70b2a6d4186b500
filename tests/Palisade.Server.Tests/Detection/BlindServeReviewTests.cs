using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Palisade.Server.Tests.Support;
using Palisade.Testing;
using Palisade.Testing.FakeApi;
using static Palisade.Server.Tests.Support.AlertParity;

namespace Palisade.Server.Tests.Detection;

/// <summary>
/// Blind review of the service's detection path (docs/detection.md, "Blind serve review, 2026-12-02"): each case's
/// expected alerts were written from PRODUCT.md's Detection contract before the server's code was read, then the same
/// records are given to <c>flows check</c> / <c>audit</c> and compared field by field.
/// Cluster: namespace shop, pods web 10.244.1.5 (app=web, node-1), api 10.244.1.6 (app=api, 8080, node-2) and db
/// 10.244.1.7 (app=db, 5432, node-2); pay 10.244.2.5 (8443) in namespace pay, whose PeerAuthentication is STRICT; Service shop/api 10.96.0.30:80 to 8080; default/kubernetes 10.96.0.1:443 without
/// pods, its Endpoints 172.18.0.2:6443; api admits web on TCP 8080, db admits api on TCP 5432; egress is open.
/// </summary>
public sealed class BlindServeReviewTests() : WatchedClusterTest(Manifests)
{
    private const string Web = "10.244.1.5";
    private const string ApiPod = "10.244.1.6";
    private const string Db = "10.244.1.7";
    private const string ApiService = "10.96.0.30";
    private const string CsvHeader = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n";
    private const string VpcHeader = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n";

    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: default}
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
        metadata: {name: api, namespace: shop, labels: {app: api}}
        spec: {nodeName: node-2, containers: [{name: api, image: x, ports: [{containerPort: 8080}]}]}
        status: {phase: Running, podIP: 10.244.1.6, podIPs: [{ip: 10.244.1.6}], hostIP: 10.0.0.12}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}}
        spec: {nodeName: node-2, containers: [{name: db, image: x, ports: [{name: pg, containerPort: 5432}]}]}
        status: {phase: Running, podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}], hostIP: 10.0.0.12}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec: {type: ClusterIP, clusterIP: 10.96.0.30, selector: {app: api}, ports: [{port: 80, targetPort: 8080, protocol: TCP}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: kubernetes, namespace: default}
        spec: {type: ClusterIP, clusterIP: 10.96.0.1, ports: [{name: https, port: 443, targetPort: 6443, protocol: TCP}]}
        ---
        apiVersion: v1
        kind: Endpoints
        metadata: {name: kubernetes, namespace: default}
        subsets: [{addresses: [{ip: 172.18.0.2}], ports: [{name: https, port: 6443, protocol: TCP}]}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: api-ingress, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: api}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 8080, protocol: TCP}]}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-ingress, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress: [{from: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 5432, protocol: TCP}]}]
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: pay}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: pay, namespace: pay, labels: {app: pay}}
        spec: {nodeName: node-1, containers: [{name: pay, image: x, ports: [{containerPort: 8443}]}]}
        status: {phase: Running, podIP: 10.244.2.5, podIPs: [{ip: 10.244.2.5}], hostIP: 10.0.0.11}
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: strict, namespace: pay}
        spec: {mtls: {mode: STRICT}}
        """;

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private int _stored;

    /// <summary>One Hubble flow event as <c>hubble observe -o json</c> writes it.</summary>
    private static string Hubble(DateTimeOffset time, string src, string dst, int srcPort, int dstPort, string protocol = "TCP", string verdict = "FORWARDED",
        string node = "node-1", string? direction = null, string? dnsQuery = null, string? httpUrl = null)
    {
        var flow = new JsonObject
        {
            ["time"] = Stamp(time),
            ["verdict"] = verdict,
            ["IP"] = new JsonObject { ["source"] = src, ["destination"] = dst, ["ipVersion"] = "IPv4" },
            ["l4"] = new JsonObject { [protocol] = new JsonObject { ["source_port"] = srcPort, ["destination_port"] = dstPort } },
            ["Type"] = dnsQuery is null && httpUrl is null ? "L3_L4" : "L7",
            ["node_name"] = node,
            ["is_reply"] = false,
        };
        if (verdict == "DROPPED")
            flow["drop_reason_desc"] = "POLICY_DENIED";
        if (direction is not null)
            flow["traffic_direction"] = direction;
        if (dnsQuery is not null)
            flow["l7"] = new JsonObject { ["type"] = "REQUEST", ["dns"] = new JsonObject { ["query"] = dnsQuery, ["qtypes"] = new JsonArray("A") } };
        if (httpUrl is not null)
            flow["l7"] = new JsonObject { ["type"] = "REQUEST", ["http"] = new JsonObject { ["method"] = "GET", ["url"] = httpUrl, ["protocol"] = "HTTP/1.1" } };
        return new JsonObject { ["flow"] = flow, ["node_name"] = node, ["time"] = Stamp(time) }.ToJsonString() + "\n";
    }

    private static string Csv(DateTimeOffset time, string src, int srcPort, string dst, int dstPort, string verdict = "FORWARDED", string protocol = "TCP") =>
        string.Create(CultureInfo.InvariantCulture, $"{Stamp(time)},{src},{srcPort},{dst},{dstPort},{protocol},60,{verdict}\n");

    /// <summary>Posts a body (gzip when asked), asserts the status, and gives the answer.</summary>
    private async Task<(HttpStatusCode Status, JsonNode? Answer)> Post(string path, string body, bool gzip = false)
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
            var answer = JsonNode.Parse(text);
            if (response.StatusCode == HttpStatusCode.Accepted)
                _stored += answer!["accepted"]!.GetValue<int>() - answer["duplicates"]!.GetValue<int>();
            return (response.StatusCode, answer);
        }
    }

    /// <summary>Posts a body that must be accepted whole as new records, and waits until detection read it and nothing waits.</summary>
    private async Task Ingest(string path, string body, bool gzip = false)
    {
        var (status, answer) = await Post(path, body, gzip);
        Assert.True(status == HttpStatusCode.Accepted, answer?.ToJsonString());
        Assert.Equal(0, answer!["duplicates"]!.GetValue<int>());
        await Detected(Server, _stored);
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(Server.Directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private string Cluster() => File("cluster.yaml", Manifests);

    private async Task<List<JsonObject>> Query(string query)
    {
        await Detected(Server, _stored);
        var text = await Server.Client.GetStringAsync("api/v1/alerts" + query, Cancel);
        return [.. JsonNode.Parse(text)!["alerts"]!.AsArray().Select(a => a!.AsObject())];
    }

    /// <summary>A flow alert as the contract's identity and aggregate (name, src, dst, protocol, ports, count); an audit alert as its rule and object.</summary>
    private static string Key(JsonObject a) => a["rule"] is { } rule ? $"{rule.GetValue<string>()} {a["object"]!.GetValue<string>()}" : string.Create(CultureInfo.InvariantCulture,
        $"{(a["detector"] ?? a["rule"])!.GetValue<string>()} {a["src"]?.GetValue<string>()} > {a["dst"]?.GetValue<string>()} {a["protocol"]?.GetValue<string>()} [{string.Join(',', a["ports"]?.AsArray().Select(p => p!.GetValue<int>()) ?? [])}] x{a["count"]?.GetValue<int>()}");

    private static List<string> Keys(List<JsonObject> alerts) => [.. alerts.Select(Key).Order(StringComparer.Ordinal)];

    private static DateTimeOffset Time(JsonObject alert, string field) => DateTimeOffset.Parse(alert[field]!.GetValue<string>(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Csv_bodies_out_of_order_resolve_services_nodes_and_external_peers_as_the_contract_says()
    {
        var first = CsvHeader
            + Csv(Start, Web, 45000, ApiService, 80)                                  // web to api through its Service: allowed on target port 8080
            + Csv(Start.AddSeconds(1), Web, 45001, Db, 5432, protocol: "6")            // db admits api only: an enforcement gap (IANA number for TCP)
            + Csv(Start.AddSeconds(2), Db, 45002, ApiService, 80, verdict: "DROPPED")  // dropped, reported with the Service's target port
            + Csv(Start.AddSeconds(3), Web, 45003, "10.96.0.1", 443);                  // API server: a Service without pods, named by its cluster IP
        var second = CsvHeader
            + Csv(Start.AddSeconds(4), Web, 45004, "10.0.0.12", 10250)                 // kubelet at node-2's address
            + Csv(Start.AddSeconds(5), Web, 45005, "169.254.169.254", 80)
            + Csv(Start.AddSeconds(6), Web, 45006, "198.51.100.7", 443)                // documentation range: public
            + Csv(Start.AddSeconds(7), Web, 45007, "10.9.9.9", 443)                    // private, no pod: an external peer, nothing to say
            + Csv(Start.AddSeconds(7.5), ApiPod, 45100, Db, 5432)                         // allowed
            + Csv(Start.AddSeconds(8), Db, 5432, ApiPod, 45100);                          // its reply: never counted
        var cli = Command("flows", "check", File("a.csv", first), File("b.csv", second), "--cluster", Cluster());

        await Ingest("api/v1/ingest/flows?format=csv", second);
        await Ingest("api/v1/ingest/flows?format=csv", first);
        var alerts = await Query("");

        Assert.Equal(
        [
            "control-plane-access shop/web[Pod] > 10.96.0.1 TCP [443] x1",
            "control-plane-access shop/web[Pod] > node/node-2 TCP [10250] x1",
            "denied-attempt shop/db[Pod] > shop/api[Pod] TCP [8080] x1",
            "internet-egress shop/web[Pod] > 198.51.100.7 TCP [443] x1",
            "metadata-access shop/web[Pod] > 169.254.169.254 TCP [80] x1",
            "policy-violation shop/web[Pod] > shop/db[Pod] TCP [5432] x1",
        ], Keys(alerts));
        var violation = alerts.Single(a => a["detector"]!.GetValue<string>() == "policy-violation");
        Assert.Equal((Start.AddSeconds(1), Start.AddSeconds(1)), (Time(violation, "first"), Time(violation, "last")));
        Same(cli, await Served(Server.Client, Cancel));
    }

    [Fact]
    public async Task Vpc_records_of_one_key_in_bodies_out_of_order_span_the_earliest_start_to_the_latest_end()
    {
        var start = Start.ToUnixTimeSeconds();
        var early = VpcHeader + string.Create(CultureInfo.InvariantCulture, $"2 123456789012 eni-b {Db} {ApiPod} 41000 8080 6 1 60 {start} {start + 60} REJECT OK\n");
        var late = VpcHeader + string.Create(CultureInfo.InvariantCulture, $"2 123456789012 eni-b {Db} {ApiPod} 41001 8080 6 1 60 {start + 120} {start + 180} REJECT OK\n");
        var cli = Command("flows", "check", File("early.log", early), File("late.log", late), "--cluster", Cluster());

        await Ingest("api/v1/ingest/flows?format=vpc", late);
        await Ingest("api/v1/ingest/flows?format=vpc", early);

        var denied = Assert.Single(await Query(""));
        Assert.Equal("denied-attempt shop/db[Pod] > shop/api[Pod] TCP [8080] x2", Key(denied));
        Assert.Equal((Start, Start.AddSeconds(180)), (Time(denied, "first"), Time(denied, "last")));
        Same(cli, await Served(Server.Client, Cancel));
    }

    [Fact]
    public async Task A_port_scan_in_three_bodies_posted_out_of_order_is_one_scan()
    {
        string Probes(int from, int to) => string.Concat(Enumerable.Range(from, to - from).Select(p =>
            Hubble(Start.AddSeconds(p), Web, Db, 40000 + p, 9000 + p, verdict: "DROPPED", node: "node-2", direction: "INGRESS")));
        var bodies = new[] { Probes(0, 7), Probes(7, 14), Probes(14, 20) };
        var cli = Command(["flows", "check", .. bodies.Select((b, i) => File($"scan{i}.json", b)), "--cluster", Cluster()]);

        await Ingest("api/v1/ingest/hubble", bodies[2]);
        await Ingest("api/v1/ingest/hubble", bodies[0], gzip: true);
        await Ingest("api/v1/ingest/hubble", bodies[1]);
        var alerts = await Query("");

        var ports = string.Join(',', Enumerable.Range(9000, 20));
        Assert.Equal([$"denied-attempt shop/web[Pod] > shop/db[Pod] TCP [{ports}] x20", $"port-scan shop/web[Pod] > shop/db[Pod] TCP [{ports}] x20"], Keys(alerts));
        var scan = alerts.Single(a => a["detector"]!.GetValue<string>() == "port-scan");
        Assert.Equal((Start, Start.AddSeconds(19)), (Time(scan, "first"), Time(scan, "last")));
        Assert.Contains("T1046", scan["attack"]!.AsArray().Select(t => t!.GetValue<string>()));
        Same(cli, await Served(Server.Client, Cancel));
    }

    [Fact]
    public async Task A_sweep_of_one_port_and_a_dns_burst_split_across_bodies_are_one_alert_each()
    {
        // web probes port 7000 on 20 private addresses no pod holds; web asks 50 names under one domain, api 49.
        string Sweep(int from, int to) => string.Concat(Enumerable.Range(from, to - from).Select(n =>
            Hubble(Start.AddMilliseconds(n * 500), Web, $"10.1.2.{n + 1}", 41000 + n, 7000)));
        string Queries(string src, int from, int to) => string.Concat(Enumerable.Range(from, to - from).Select(n =>
            Hubble(Start.AddSeconds(15).AddMilliseconds(n * 100), src, "10.96.0.10", 50000 + n, 53, protocol: "UDP", dnsQuery: $"q{n}.exfil-example.com.")));
        var bodies = new[] { Sweep(0, 10), Sweep(10, 20), Queries(Web, 0, 20), Queries(Web, 20, 50) + Queries(ApiPod, 0, 25), Queries(ApiPod, 25, 49) };
        var cli = Command(["flows", "check", .. bodies.Select((b, i) => File($"b{i}.json", b)), "--cluster", Cluster()]);

        foreach (var body in bodies)
            await Ingest("api/v1/ingest/hubble", body);
        var alerts = await Query("");

        Assert.Equal(["dns-exfiltration", "port-scan"], alerts.Select(a => a["detector"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("port-scan shop/web[Pod] > * TCP [7000] x20", Key(alerts.Single(a => a["detector"]!.GetValue<string>() == "port-scan")));
        var dns = alerts.Single(a => a["detector"]!.GetValue<string>() == "dns-exfiltration");
        Assert.Equal(("shop/web[Pod]", "*"), (dns["src"]!.GetValue<string>(), dns["dst"]!.GetValue<string>()));
        Same(cli, await Served(Server.Client, Cancel));
    }

    [Fact]
    public async Task One_connection_seen_at_both_nodes_in_two_bodies_is_one_violation_as_flows_check_counts_it()
    {
        var egress = Hubble(Start, Web, Db, 41000, 5432, direction: "EGRESS", node: "node-1");
        var ingress = Hubble(Start.AddMilliseconds(1), Web, Db, 41000, 5432, direction: "INGRESS", node: "node-2");
        var cli = Command("flows", "check", File("n1.json", egress), File("n2.json", ingress), "--cluster", Cluster());

        await Ingest("api/v1/ingest/hubble", egress);
        await Ingest("api/v1/ingest/hubble", ingress);

        Assert.StartsWith("policy-violation shop/web[Pod] > shop/db[Pod] TCP [5432] x", Key(Assert.Single(await Query(""))), StringComparison.Ordinal);
        Same(cli, await Served(Server.Client, Cancel));
    }

    [Fact]
    public async Task A_body_posted_again_plain_or_gzip_is_all_duplicates_and_counts_nothing_twice()
    {
        var flows = Hubble(Start, Web, Db, 41000, 5432, node: "node-2", direction: "INGRESS") + Hubble(Start.AddSeconds(1), Web, "198.51.100.7", 41001, 443);
        var exec = AuditLines.Event("create", "pods", "shop", "db", subresource: "exec", user: "eve", code: 101, query: "command=sh", id: "exec-1")
            .Replace(AuditLines.Time("03:00"), Stamp(DateTimeOffset.UtcNow), StringComparison.Ordinal);
        var audit = $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{{exec}}]}""";

        await Ingest("api/v1/ingest/hubble", flows);
        await Ingest("api/v1/ingest/audit", audit);
        foreach (var (path, body, gzip, records) in new[] { ("api/v1/ingest/hubble", flows, false, 2), ("api/v1/ingest/hubble", flows, true, 2), ("api/v1/ingest/audit", audit, false, 1) })
        {
            var (status, answer) = await Post(path, body, gzip);
            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.Equal((records, records), (answer!["accepted"]!.GetValue<int>(), answer["duplicates"]!.GetValue<int>()));
        }
        await Task.Delay(TimeSpan.FromSeconds(6), Cancel);

        Assert.Equal(["exec Pod shop/db", "internet-egress shop/web[Pod] > 198.51.100.7 TCP [443] x1", "policy-violation shop/web[Pod] > shop/db[Pod] TCP [5432] x1"],
            Keys(await Query("")));
        Assert.Equal(2, JsonNode.Parse(await Server.Client.GetStringAsync("api/v1/flows?limit=0", Cancel))!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Since_takes_an_alert_whose_last_time_is_since_and_detector_matches_flow_detectors_and_audit_rules()
    {
        await Ingest("api/v1/ingest/hubble", Hubble(Start, Web, Db, 41000, 5432, node: "node-2", direction: "INGRESS") + Hubble(Start.AddSeconds(1), Web, "198.51.100.7", 41001, 443));
        var at = DateTimeOffset.UtcNow;
        at = at.AddTicks(-(at.Ticks % 10));
        var exec = AuditLines.Event("create", "pods", "shop", "db", subresource: "exec", user: "eve", code: 101, query: "command=sh", id: "exec-2")
            .Replace(AuditLines.Time("03:00"), Stamp(at), StringComparison.Ordinal);
        await Ingest("api/v1/ingest/audit", $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{{exec}}]}""");

        string Names(List<JsonObject> alerts) => string.Join(' ', alerts.Select(a => (a["detector"] ?? a["rule"])!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("exec internet-egress policy-violation", Names(await Query("?since=" + Uri.EscapeDataString(Stamp(Start)))));
        Assert.Equal("exec internet-egress", Names(await Query("?since=" + Uri.EscapeDataString(Stamp(Start.AddMilliseconds(1))))));
        Assert.Equal("exec", Names(await Query("?since=" + Uri.EscapeDataString(Stamp(at)))));
        Assert.Equal("", Names(await Query("?since=" + Uri.EscapeDataString(Stamp(at.AddMilliseconds(1))))));
        Assert.Equal("policy-violation", Names(await Query("?detector=policy-violation&since=" + Uri.EscapeDataString(Stamp(Start)))));

        var audit = Assert.Single(await Query("?detector=exec"));
        Assert.Equal(("exec", false, "Pod shop/db", "eve", at), (audit["rule"]!.GetValue<string>(), audit.ContainsKey("detector"), audit["object"]!.GetValue<string>(), audit["user"]!.GetValue<string>(), Time(audit, "time")));
        var flow = Assert.Single(await Query("?detector=internet-egress"));
        Assert.False(flow.ContainsKey("rule"));
    }

    [Fact]
    public async Task Flows_total_counts_every_stored_flow_since_the_time_replies_included_whatever_the_limit()
    {
        await Ingest("api/v1/ingest/flows?format=csv", CsvHeader
            + Csv(Start, Web, 45000, ApiService, 80)
            + Csv(Start.AddSeconds(1), ApiPod, 45100, Db, 5432)
            + Csv(Start.AddSeconds(2), Db, 5432, ApiPod, 45100)
            + Csv(Start.AddSeconds(3), Web, 45001, Db, 5432)
            + Csv(Start.AddSeconds(4), Web, 45002, "198.51.100.7", 443));

        var page = JsonNode.Parse(await Server.Client.GetStringAsync("api/v1/flows?limit=1&since=" + Uri.EscapeDataString(Stamp(Start.AddSeconds(2))), Cancel))!;
        Assert.Equal(3, page["total"]!.GetValue<long>());
        var only = Assert.Single(page["flows"]!.AsArray())!;
        Assert.Equal(Start.AddSeconds(2), DateTimeOffset.Parse(only["time"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var count = JsonNode.Parse(await Server.Client.GetStringAsync("api/v1/flows?limit=0&since=" + Uri.EscapeDataString(Stamp(Start.AddSeconds(2))), Cancel))!;
        Assert.Equal((3, 0), (count["total"]!.GetValue<long>(), count["flows"]!.AsArray().Count));
    }

    [Fact]
    public async Task A_body_with_one_malformed_line_is_400_stores_nothing_and_raises_nothing()
    {
        var body = Hubble(Start, Web, Db, 41000, 5432, node: "node-2", direction: "INGRESS") + "{\"flow\":{\"time\":\n" + Hubble(Start.AddSeconds(1), Web, "198.51.100.7", 41001, 443);

        var (status, _) = await Post("api/v1/ingest/hubble", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        await Ingest("api/v1/ingest/hubble", Hubble(Start.AddSeconds(2), Web, "198.51.100.8", 41002, 443));

        Assert.Equal(["internet-egress shop/web[Pod] > 198.51.100.8 TCP [443] x1"], Keys(await Query("")));
        Assert.Equal(1, JsonNode.Parse(await Server.Client.GetStringAsync("api/v1/flows?limit=0", Cancel))!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_policy_change_audited_before_the_flows_it_allows_is_their_cause_and_a_change_with_its_opened_line()
    {
        const string allow = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-web","namespace":"shop"},
             "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"web"}}}],"ports":[{"port":5432,"protocol":"TCP"}]}]}}
            """;
        var states = Server.Server.State.Live!.History.Count;
        var created = DateTimeOffset.UtcNow;
        created = created.AddTicks(-(created.Ticks % 10));
        var added = Api.Add(JsonNode.Parse(allow)!.AsObject());
        Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Close(WatchEvent.Added(added)));
        await TestServer.Until(() => Server.Server.State.Live!.History.Count > states);
        var audit = AuditLines.Event("create", "networkpolicies", "shop", user: "mallory", request: allow, response: allow, code: 201, id: "np-allow")
            .Replace(AuditLines.Time("03:00"), Stamp(created), StringComparison.Ordinal);
        await Ingest("api/v1/ingest/audit", $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{{audit}}]}""");
        await Ingest("api/v1/ingest/hubble", Hubble(DateTimeOffset.UtcNow.AddSeconds(1), Web, Db, 41000, 5432, node: "node-2", direction: "INGRESS"));
        var alerts = await Query("");

        Assert.Equal(["network-policy-tampering NetworkPolicy shop/allow-web", "via-policy-change shop/web[Pod] > shop/db[Pod] TCP [5432] x1"], Keys(alerts));
        var cause = alerts.Single(a => a["detector"]?.GetValue<string>() == "via-policy-change")["cause"]!.AsObject();
        Assert.Equal(("mallory", "create", "NetworkPolicy shop/allow-web", created),
            (cause["user"]!.GetValue<string>(), cause["verb"]!.GetValue<string>(), cause["object"]!.GetValue<string>(), Time(cause, "time")));
        var tampering = alerts.Single(a => a["rule"]?.GetValue<string>() == "network-policy-tampering");
        Assert.Equal(("NetworkPolicy shop/allow-web", "shop/web[Pod] => shop/db[Pod] : TCP 5432"),
            (tampering["object"]!.GetValue<string>(), string.Join('|', tampering["opened"]!.AsArray().Select(l => l!.GetValue<string>()))));
        var change = JsonNode.Parse(await Server.Client.GetStringAsync("api/v1/changes", Cancel))!["changes"]!.AsArray().Last()!;
        Assert.Equal(("shop/web[Pod] => shop/db[Pod] : TCP 5432", 0),
            (string.Join('|', change["opened"]!.AsArray().Select(l => l!.GetValue<string>())), change["closed"]!.AsArray().Count));
    }

    [Fact]
    public async Task A_scan_posted_after_a_lagging_nodes_later_body_is_still_one_scan_and_one_denied_attempt()
    {
        // node-1's exporter posted two hours ahead in flow time; node-2's body with the scan comes after it.
        var later = Hubble(Start.AddHours(2), Web, "198.51.100.7", 41999, 443);
        var scan = string.Concat(Enumerable.Range(0, 20).Select(p =>
            Hubble(Start.AddSeconds(p), Web, Db, 40000 + p, 9000 + p, verdict: "DROPPED", node: "node-2", direction: "INGRESS")));
        var cli = Command("flows", "check", File("later.json", later), File("scan.json", scan), "--cluster", Cluster());

        await Ingest("api/v1/ingest/hubble", later);
        await Ingest("api/v1/ingest/hubble", scan);

        var ports = string.Join(',', Enumerable.Range(9000, 20));
        Assert.Equal(
        [
            $"denied-attempt shop/web[Pod] > shop/db[Pod] TCP [{ports}] x20",
            "internet-egress shop/web[Pod] > 198.51.100.7 TCP [443] x1",
            $"port-scan shop/web[Pod] > shop/db[Pod] TCP [{ports}] x20",
        ], Keys(await Query("")));
        Same(cli, await Served(Server.Client, Cancel));
    }

    [Fact]
    public async Task Records_without_a_verdict_that_the_policy_denies_are_denied_attempts_in_csv_and_gcp()
    {
        var csv = CsvHeader + Csv(Start, Db, 41000, ApiPod, 8080, verdict: "") + Csv(Start.AddSeconds(1), Web, 41001, Db, 5432, verdict: "");
        var gcp = string.Create(CultureInfo.InvariantCulture, $$"""
            {"jsonPayload":{"connection":{"src_ip":"{{Db}}","dest_ip":"{{ApiPod}}","protocol":6,"src_port":41002,"dest_port":8080},"start_time":"{{Stamp(Start.AddSeconds(2))}}","end_time":"{{Stamp(Start.AddSeconds(3))}}"},"timestamp":"{{Stamp(Start.AddSeconds(4))}}"}

            """);
        var cli = Command("flows", "check", File("n.csv", csv), File("g.json", gcp), "--cluster", Cluster());

        await Ingest("api/v1/ingest/flows?format=csv", csv);
        await Ingest("api/v1/ingest/flows?format=gcp", gcp);

        Assert.Equal(["denied-attempt shop/db[Pod] > shop/api[Pod] TCP [8080] x2", "denied-attempt shop/web[Pod] > shop/db[Pod] TCP [5432] x1"], Keys(await Query("")));
        Same(cli, await Served(Server.Client, Cancel));
    }

    [Fact]
    public async Task Clear_http_into_a_namespace_whose_mesh_requires_mtls_is_plaintext()
    {
        var body = Hubble(Start, Web, "10.244.2.5", 41000, 8443, node: "node-1", direction: "INGRESS", httpUrl: "http://10.244.2.5:8443/pay")
            + Hubble(Start.AddSeconds(1), Web, ApiPod, 41001, 8080, node: "node-2", direction: "INGRESS", httpUrl: "http://10.244.1.6:8080/orders");
        var cli = Command("flows", "check", File("http.json", body), "--cluster", Cluster());

        await Ingest("api/v1/ingest/hubble", body);

        Assert.Equal(["plaintext shop/web[Pod] > pay/pay[Pod] TCP [8443] x1"], Keys(await Query("")));
        Same(cli, await Served(Server.Client, Cancel));
    }

    [Fact]
    public async Task A_flow_before_a_policy_change_is_judged_by_the_state_before_it_and_one_after_by_the_state_after()
    {
        const string allow = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-web","namespace":"shop"},
             "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"web"}}}],"ports":[{"port":5432,"protocol":"TCP"}]}]}}
            """;
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancel);
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-500);
        var states = Server.Server.State.Live!.History.Count;
        var added = Api.Add(JsonNode.Parse(allow)!.AsObject());
        Api.EnqueueWatch(FakeResources.NetworkPolicies, WatchScript.Close(WatchEvent.Added(added)));
        await TestServer.Until(() => Server.Server.State.Live!.History.Count > states);

        await Ingest("api/v1/ingest/hubble", Hubble(before, Web, Db, 41000, 5432, node: "node-2", direction: "INGRESS")
            + Hubble(DateTimeOffset.UtcNow.AddSeconds(1), Web, Db, 41001, 5432, node: "node-2", direction: "INGRESS"));

        Assert.Equal(["policy-violation shop/web[Pod] > shop/db[Pod] TCP [5432] x1", "via-policy-change shop/web[Pod] > shop/db[Pod] TCP [5432] x1"], Keys(await Query("")));
    }

    [Fact]
    public async Task A_dns_burst_posted_second_half_first_is_one_alert_and_probes_spread_over_more_than_60_s_are_no_scan()
    {
        // 50 names, one a second: within one 60 s interval. 20 ports 3.5 s apart: no 60 s interval holds 20 of them.
        string Queries(int from, int to) => string.Concat(Enumerable.Range(from, to - from).Select(n =>
            Hubble(Start.AddSeconds(n), Web, "10.96.0.10", 50000 + n, 53, protocol: "UDP", dnsQuery: $"q{n}.exfil-example.com.")));
        string Probes(int from, int to) => string.Concat(Enumerable.Range(from, to - from).Select(p =>
            Hubble(Start.AddMinutes(5).AddSeconds(p * 3.5), Web, Db, 40000 + p, 9000 + p, verdict: "DROPPED", node: "node-2", direction: "INGRESS")));
        var bodies = new[] { Queries(25, 50), Queries(0, 25), Probes(10, 20), Probes(0, 10) };
        var cli = Command(["flows", "check", .. bodies.Select((b, i) => File($"o{i}.json", b)), "--cluster", Cluster()]);

        foreach (var body in bodies)
            await Ingest("api/v1/ingest/hubble", body);
        var alerts = await Query("");

        Assert.Equal(["denied-attempt", "dns-exfiltration"], alerts.Select(a => a["detector"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var dns = alerts.Single(a => a["detector"]!.GetValue<string>() == "dns-exfiltration");
        Assert.Equal(("shop/web[Pod]", "*", Start), (dns["src"]!.GetValue<string>(), dns["dst"]!.GetValue<string>(), Time(dns, "first")));
        Same(cli, await Served(Server.Client, Cancel));
    }

    [Theory]
    [InlineData(18, false)]
    [InlineData(19, true)]
    public async Task A_sweep_counts_a_workload_reached_by_pod_and_service_address_once(int externals, bool scan)
    {
        // One port (8080, the api Service's target port) on external addresses, on api's pod address and through its Service.
        var body = string.Concat(Enumerable.Range(0, externals).Select(n => Hubble(Start.AddMilliseconds(n * 100), Web, $"10.1.2.{n + 1}", 41000 + n, 8080)))
            + Hubble(Start.AddSeconds(3), Web, ApiPod, 42000, 8080, node: "node-2", direction: "INGRESS")
            + Hubble(Start.AddSeconds(4), Web, ApiService, 42001, 80);
        var cli = Command("flows", "check", File("sweep.json", body), "--cluster", Cluster());

        await Ingest("api/v1/ingest/hubble", body);

        Assert.Equal(scan ? [$"port-scan shop/web[Pod] > * TCP [8080] x{externals + 2}"] : [], Keys(await Query("?detector=port-scan")));
        Same(cli, await Served(Server.Client, Cancel));
    }

    [Fact]
    public async Task A_pod_to_the_api_servers_endpoint_address_is_control_plane_access()
    {
        var body = CsvHeader + Csv(Start, Web, 45000, "172.18.0.2", 6443) + Csv(Start.AddSeconds(1), Web, 45001, "172.18.0.2", 22);
        var cli = Command("flows", "check", File("ep.csv", body), "--cluster", Cluster());

        await Ingest("api/v1/ingest/flows?format=csv", body);

        Assert.Equal(["control-plane-access shop/web[Pod] > 172.18.0.2 TCP [6443] x1"], Keys(await Query("")));
        Same(cli, await Served(Server.Client, Cancel));
    }
}
