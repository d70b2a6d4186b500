using System.Text.Json;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// The contract's resolution and counting rules as a blind grader scores them (blind resolution grader review,
/// 2026-12-02): each case's alerts were written from PRODUCT.md before the run. Cluster: nodes n1 (InternalIP 10.0.0.11,
/// ExternalIP 198.51.100.11) and n2 (10.0.0.12); in `app`, Deployment api (10.244.1.20 and fd00:10:244:1::20; ports http
/// 8080, metrics 9090, dns 5353/UDP) behind Service api (10.96.0.20 and fd00:96::20: 80 → http, 8080 → 8080, 9000 → 9090,
/// 53/UDP → 5353), Deployment web (10.244.1.10, http 8080) behind LoadBalancer web-lb (203.0.113.200: 443 → http), bare
/// pod db-0 (10.244.2.30, 5432), Service empty (10.96.0.30) selecting no pod; in `ops`, bare pod probe (10.244.2.50 and
/// fd00:10:244:2::50); default/kubernetes (10.96.0.1: 443 → 6443, Endpoints n1). `app` and `ops` deny all ingress but
/// web → api on 8080.
/// </summary>
public sealed class BlindResolutionGraderCaseTests
{
    private const string Cluster = """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}, "spec": {"podCIDR": "10.244.1.0/24"},
           "status": {"addresses": [{"type": "InternalIP", "address": "10.0.0.11"}, {"type": "ExternalIP", "address": "198.51.100.11"}]}},
          {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n2"}, "spec": {"podCIDR": "10.244.2.0/24"},
           "status": {"addresses": [{"type": "InternalIP", "address": "10.0.0.12"}]}},
          {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "api-7c6b5d4f8", "namespace": "app",
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "api", "uid": "d1", "controller": true}]},
           "spec": {"selector": {"matchLabels": {"app": "api"}}, "template": {"metadata": {"labels": {"app": "api"}}, "spec": {"containers": [{"name": "c", "image": "x"}]}}}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "api-7c6b5d4f8-bbbbb", "namespace": "app", "labels": {"app": "api"},
            "creationTimestamp": "2026-05-01T08:00:00Z", "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "api-7c6b5d4f8", "uid": "r1", "controller": true}]},
           "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "x", "ports": [{"containerPort": 8080, "name": "http"},
             {"containerPort": 9090, "name": "metrics"}, {"containerPort": 5353, "name": "dns", "protocol": "UDP"}]}]},
           "status": {"phase": "Running", "hostIP": "10.0.0.11", "podIP": "10.244.1.20", "podIPs": [{"ip": "10.244.1.20"}, {"ip": "fd00:10:244:1::20"}]}},
          {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "web-5d9f8c7b6", "namespace": "app",
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": "d2", "controller": true}]},
           "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "c", "image": "x"}]}}}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-5d9f8c7b6-aaaaa", "namespace": "app", "labels": {"app": "web"},
            "creationTimestamp": "2026-05-01T08:00:00Z", "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d9f8c7b6", "uid": "r2", "controller": true}]},
           "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "x", "ports": [{"containerPort": 8080, "name": "http"}]}]},
           "status": {"phase": "Running", "hostIP": "10.0.0.11", "podIP": "10.244.1.10", "podIPs": [{"ip": "10.244.1.10"}]}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "db-0", "namespace": "app", "labels": {"app": "db"}, "uid": "db-a", "creationTimestamp": "2026-05-01T08:00:00Z"},
           "spec": {"nodeName": "n2", "containers": [{"name": "c", "image": "x", "ports": [{"containerPort": 5432, "name": "pg"}]}]},
           "status": {"phase": "Running", "hostIP": "10.0.0.12", "podIP": "10.244.2.30", "podIPs": [{"ip": "10.244.2.30"}]}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "probe", "namespace": "ops", "labels": {"app": "probe"}, "creationTimestamp": "2026-05-01T08:00:00Z"},
           "spec": {"nodeName": "n2", "containers": [{"name": "c", "image": "x"}]},
           "status": {"phase": "Running", "hostIP": "10.0.0.12", "podIP": "10.244.2.50", "podIPs": [{"ip": "10.244.2.50"}, {"ip": "fd00:10:244:2::50"}]}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "api", "namespace": "app"},
           "spec": {"selector": {"app": "api"}, "clusterIP": "10.96.0.20", "clusterIPs": ["10.96.0.20", "fd00:96::20"], "ipFamilies": ["IPv4", "IPv6"],
             "ports": [{"name": "http", "port": 80, "targetPort": "http"}, {"name": "alt", "port": 8080, "targetPort": 8080},
               {"name": "metrics", "port": 9000, "targetPort": 9090}, {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 5353}]}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "empty", "namespace": "app"},
           "spec": {"selector": {"app": "nothing"}, "clusterIP": "10.96.0.30", "ports": [{"port": 80, "targetPort": 8080}]}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web-lb", "namespace": "app"},
           "spec": {"type": "LoadBalancer", "selector": {"app": "web"}, "clusterIP": "10.96.0.40", "ports": [{"port": 443, "targetPort": "http", "nodePort": 31443}]},
           "status": {"loadBalancer": {"ingress": [{"ip": "203.0.113.200"}]}}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "kubernetes", "namespace": "default"},
           "spec": {"clusterIP": "10.96.0.1", "ports": [{"name": "https", "port": 443, "targetPort": 6443}]}},
          {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "kubernetes", "namespace": "default"},
           "subsets": [{"addresses": [{"ip": "10.0.0.11"}], "ports": [{"name": "https", "port": 6443}]}]},
          {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "default-deny", "namespace": "app"},
           "spec": {"podSelector": {}, "policyTypes": ["Ingress"]}},
          {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "web-to-api", "namespace": "app"},
           "spec": {"podSelector": {"matchLabels": {"app": "api"}}, "ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "web"}}}], "ports": [{"port": 8080}]}]}},
          {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "deny-in", "namespace": "ops"},
           "spec": {"podSelector": {}, "policyTypes": ["Ingress"]}}
        ]}
        """;

    /// <summary>
    /// A second dump taken at 10:10, after the StatefulSet-like pod db-0 was deleted and created again (another uid, created
    /// 10:05) at another address, and a bare pod `newer` given the address 10.244.2.40 that `old` (only in the first dump) held.
    /// </summary>
    private const string LaterDump = """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "db-0", "namespace": "app", "labels": {"app": "db"}, "uid": "db-b", "creationTimestamp": "2026-05-01T10:05:00Z"},
           "spec": {"nodeName": "n2", "containers": [{"name": "c", "image": "x", "ports": [{"containerPort": 5432, "name": "pg"}]}]},
           "status": {"phase": "Running", "hostIP": "10.0.0.12", "podIP": "10.244.2.31", "podIPs": [{"ip": "10.244.2.31"}]}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "newer", "namespace": "app", "labels": {"app": "newer"}, "creationTimestamp": "2026-05-01T10:05:00Z"},
           "spec": {"nodeName": "n2", "containers": [{"name": "c", "image": "x"}]},
           "status": {"phase": "Running", "hostIP": "10.0.0.12", "podIP": "10.244.2.40", "podIPs": [{"ip": "10.244.2.40"}]}}
        ]}
        """;

    /// <summary>A bare pod of the first dump, deleted at 10:00: 10.244.2.40 is free until `newer` takes it at 10:05.</summary>
    private const string EarlierPod = """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "old", "namespace": "app", "labels": {"app": "old"}, "creationTimestamp": "2026-05-01T09:00:00Z",
          "deletionTimestamp": "2026-05-01T10:00:00Z"},
         "spec": {"nodeName": "n2", "containers": [{"name": "c", "image": "x"}]},
         "status": {"phase": "Running", "hostIP": "10.0.0.12", "podIP": "10.244.2.40", "podIPs": [{"ip": "10.244.2.40"}]}}
        """;

    private const string VpcHeader = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n";

    private const string CsvHeader = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n";

    private static IReadOnlyList<string> Check(string name, string flows, bool laterDump = false)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cluster.json"), Cluster);
        File.WriteAllText(dir.File("old.json"), EarlierPod);
        File.WriteAllText(dir.File("later.json"), LaterDump);
        File.WriteAllText(dir.File(name), flows);
        string[] cluster = laterDump ? [dir.File("cluster.json"), dir.File("old.json"), dir.File("later.json")] : [dir.File("cluster.json")];
        var run = CliRun.Of(["flows", "check", dir.File(name), "--cluster", .. cluster, "-o", "json"]);
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        return [.. output.RootElement.GetProperty("alerts").EnumerateArray().Select(Line).Order(StringComparer.Ordinal)];
    }

    private static string Line(JsonElement a) =>
        $"{a.GetProperty("detector").GetString()} {a.GetProperty("src").GetString()} > {a.GetProperty("dst").GetString()} "
        + $"{a.GetProperty("protocol").GetString()} [{string.Join(',', a.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()))}] "
        + $"x{a.GetProperty("count").GetInt32()} {a.GetProperty("first").GetString()}..{a.GetProperty("last").GetString()}";

    [Fact]
    public void A_pod_created_again_under_its_name_in_a_later_dump_leaves_its_earlier_address_to_its_earlier_self()
    {
        var alerts = Check("flows.csv", CsvHeader
            + "2026-05-01T09:30:00Z,10.244.2.50,40000,10.244.2.30,5432,TCP,100,DROPPED\n"
            + "2026-05-01T10:10:00Z,10.244.2.50,40001,10.244.2.31,5432,TCP,100,DROPPED\n"
            + "2026-05-01T09:30:00Z,10.244.2.40,40000,8.8.8.8,443,TCP,100,DROPPED\n"
            + "2026-05-01T10:10:00Z,10.244.2.40,40001,8.8.8.8,443,TCP,100,DROPPED\n", laterDump: true);

        // db-0 held 10.244.2.30 until it was created again at 10:05 with 10.244.2.31: both connections are db-0's. The
        // address old held is newer's from newer's creation.
        Assert.Equal([
            "denied-attempt app/newer[Pod] > 8.8.8.8 TCP [443] x1 2026-05-01T10:10:00Z..2026-05-01T10:10:00Z",
            "denied-attempt app/old[Pod] > 8.8.8.8 TCP [443] x1 2026-05-01T09:30:00Z..2026-05-01T09:30:00Z",
            "denied-attempt ops/probe[Pod] > app/db-0[Pod] TCP [5432] x2 2026-05-01T09:30:00Z..2026-05-01T10:10:00Z",
            "internet-egress app/newer[Pod] > 8.8.8.8 TCP [443] x1 2026-05-01T10:10:00Z..2026-05-01T10:10:00Z",
            "internet-egress app/old[Pod] > 8.8.8.8 TCP [443] x1 2026-05-01T09:30:00Z..2026-05-01T09:30:00Z",
        ], alerts);
    }

    [Fact]
    public void An_aggregated_record_of_a_free_address_is_the_pod_that_took_it_within_the_record_s_window()
    {
        // 10:04:30-10:05:30 from 10.244.2.40: nobody held it at the window's start (old was deleted at 10:00), newer took it at
        // 10:05, so the window's packets were newer's. 10:01-10:02 lies wholly in the gap: the address itself.
        var alerts = Check("flows.log", VpcHeader
            + "2 123456789012 eni-1 10.244.2.40 8.8.8.8 45000 443 6 10 1000 1777629870 1777629930 REJECT OK\n"
            + "2 123456789012 eni-1 10.244.2.40 8.8.8.8 45001 443 6 10 1000 1777629660 1777629720 REJECT OK\n", laterDump: true);

        Assert.Equal([
            "denied-attempt 10.244.2.40 > 8.8.8.8 TCP [443] x1 2026-05-01T10:01:00Z..2026-05-01T10:02:00Z",
            "denied-attempt app/newer[Pod] > 8.8.8.8 TCP [443] x1 2026-05-01T10:04:30Z..2026-05-01T10:05:30Z",
            "internet-egress app/newer[Pod] > 8.8.8.8 TCP [443] x1 2026-05-01T10:04:30Z..2026-05-01T10:05:30Z",
        ], alerts);
    }

    [Theory]
    [InlineData("service-named-target", "10.244.2.50,40000,10.96.0.20,80,TCP,100,FORWARDED", "policy-violation ops/probe[Pod] > app/api[Deployment] TCP [8080]")]
    [InlineData("service-numeric-target", "10.244.2.50,40000,10.96.0.20,9000,TCP,100,FORWARDED", "policy-violation ops/probe[Pod] > app/api[Deployment] TCP [9090]")]
    [InlineData("service-udp-port", "10.244.2.50,40000,10.96.0.20,53,UDP,100,FORWARDED", "policy-violation ops/probe[Pod] > app/api[Deployment] UDP [5353]")]
    [InlineData("service-port-of-the-other-protocol", "10.244.2.50,40000,10.96.0.20,53,TCP,100,FORWARDED", "policy-violation ops/probe[Pod] > app/api[Deployment] TCP [53]")]
    [InlineData("service-ipv6", "fd00:10:244:2::50,40000,fd00:96::20,80,TCP,100,FORWARDED", "policy-violation ops/probe[Pod] > app/api[Deployment] TCP [8080]")]
    [InlineData("service-mapped-ipv4", "10.244.2.50,40000,::ffff:10.96.0.20,80,TCP,100,FORWARDED", "policy-violation ops/probe[Pod] > app/api[Deployment] TCP [8080]")]
    [InlineData("load-balancer-address", "10.244.2.50,40000,203.0.113.200,443,TCP,100,FORWARDED", "policy-violation ops/probe[Pod] > app/web[Deployment] TCP [8080]")]
    [InlineData("service-without-pods", "10.244.2.50,40000,10.96.0.30,80,TCP,100,DROPPED", "denied-attempt ops/probe[Pod] > 10.96.0.30 TCP [80]")]
    [InlineData("kubernetes-cluster-ip", "10.244.2.50,40000,10.96.0.1,443,TCP,100,FORWARDED", "control-plane-access ops/probe[Pod] > 10.96.0.1 TCP [443]")]
    [InlineData("kubernetes-endpoint", "10.244.2.50,40000,10.0.0.11,6443,TCP,100,FORWARDED", "control-plane-access ops/probe[Pod] > node/n1 TCP [6443]")]
    [InlineData("node-external-ip", "10.244.2.50,40000,198.51.100.11,10250,TCP,100,FORWARDED", "control-plane-access ops/probe[Pod] > node/n1 TCP [10250]")]
    [InlineData("node-to-a-pod-of-another-node", "198.51.100.11,40000,10.244.2.30,5432,TCP,100,FORWARDED", "policy-violation node/n1 > app/db-0[Pod] TCP [5432]")]
    [InlineData("node-to-its-own-pod", "10.0.0.12,40000,10.244.2.30,5432,TCP,100,FORWARDED")]
    [InlineData("unheld-pod-network-address", "10.244.1.99,40000,10.244.2.30,5432,TCP,100,FORWARDED", "policy-violation 10.244.1.99 > app/db-0[Pod] TCP [5432]")]
    [InlineData("dropped-although-allowed", "10.244.1.10,40000,10.244.1.20,8080,TCP,100,DROPPED", "denied-attempt app/web[Deployment] > app/api[Deployment] TCP [8080]")]
    [InlineData("no-verdict-allowed-at-the-target-port", "10.244.1.10,40000,10.96.0.20,80,TCP,100,")]
    [InlineData("reply-from-a-service-port", "10.96.0.20,80,10.244.2.50,45000,TCP,100,FORWARDED")]
    [InlineData("reply-from-a-node-port", "10.0.0.11,31443,10.244.2.50,45000,TCP,100,FORWARDED")]
    [InlineData("listened-port-to-listened-port", "10.244.1.20,8080,10.244.1.10,8080,TCP,100,FORWARDED", "policy-violation app/api[Deployment] > app/web[Deployment] TCP [8080]")]
    public void Csv_records_resolve_as_the_contract_says(string scenario, string record, params string[] expected)
    {
        var alerts = Check($"{scenario}.csv", CsvHeader + "2026-05-01T09:30:00Z," + record + "\n");

        Assert.Equal(expected.Order(StringComparer.Ordinal), alerts.Select(a => a[..a.LastIndexOf(" x", StringComparison.Ordinal)]));
    }

    [Fact]
    public void A_service_s_ports_with_one_target_and_a_pod_s_two_families_are_one_destination_port()
    {
        var alerts = Check("flows.csv", CsvHeader
            + "2026-05-01T09:30:00Z,10.244.2.50,40000,10.96.0.20,80,TCP,100,FORWARDED\n"
            + "2026-05-01T09:30:05Z,10.244.2.50,40001,10.96.0.20,8080,TCP,100,FORWARDED\n"
            + "2026-05-01T09:30:10Z,fd00:10:244:2::50,40002,fd00:10:244:1::20,8080,TCP,100,FORWARDED\n");

        Assert.Equal(["policy-violation ops/probe[Pod] > app/api[Deployment] TCP [8080] x3 2026-05-01T09:30:00Z..2026-05-01T09:30:10Z"], alerts);
    }

    [Theory]
    [InlineData("flows.csv", CsvHeader + "2026-05-01T09:30:00Z,10.244.2.999,40000,8.8.8.8,443,TCP,100,FORWARDED\n2026-05-01T09:30:00Z,10.244.2.50,40000,bogus,443,TCP,100,FORWARDED\n", 2)]
    [InlineData("flows.log", VpcHeader + "2 123456789012 eni-1 10.0.0.x 8.8.8.8 40000 443 6 10 1000 1777627800 1777627860 ACCEPT OK\n", 1)]
    [InlineData("flows.json", """{"flow": {"time": "2026-05-01T09:30:00Z", "verdict": "FORWARDED", "IP": {"source": "garbage", "destination": "8.8.8.8"}, "l4": {"TCP": {"source_port": 40000, "destination_port": 443}}}}""" + "\n", 1)]
    [InlineData("gcp.json", """{"insertId": "x", "timestamp": "2026-05-01T09:30:00Z", "jsonPayload": {"connection": {"src_ip": "nope", "src_port": 40000, "dest_ip": "8.8.8.8", "dest_port": 443, "protocol": 6}, "reporter": "SRC", "start_time": "2026-05-01T09:30:00Z", "end_time": "2026-05-01T09:30:00Z"}}""" + "\n", 1)]
    public void Records_whose_addresses_do_not_parse_are_counted_in_unresolved_and_raise_nothing(string name, string flows, int unresolved)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cluster.json"), Cluster);
        File.WriteAllText(dir.File(name), flows);
        var run = CliRun.Of(["flows", "check", dir.File(name), "--cluster", dir.File("cluster.json"), "-o", "json"]);

        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        Assert.Equal(unresolved, output.RootElement.GetProperty("unresolved").GetInt32());
        Assert.Equal(unresolved, output.RootElement.GetProperty("flows").GetInt32());
        Assert.Empty(output.RootElement.GetProperty("alerts").EnumerateArray());
    }

    [Fact]
    public void Replies_are_never_counted_whatever_their_verdict()
    {
        // A VPC REJECT and a Hubble policy drop of a reply, a v5 SYN-ACK between ephemeral ports: none opens a connection.
        Assert.Empty(Check("reply.log", VpcHeader + "2 123456789012 eni-1 10.244.1.20 10.244.2.50 8080 45000 6 10 1000 1777627800 1777627860 REJECT OK\n"));
        Assert.Empty(Check("reply.json", """{"flow": {"time": "2026-05-01T09:30:00Z", "verdict": "DROPPED", "drop_reason_desc": "POLICY_DENIED", "is_reply": true, "IP": {"source": "10.244.1.20", "destination": "10.244.2.50"}, "l4": {"TCP": {"source_port": 8080, "destination_port": 40000}}}}""" + "\n"));
        Assert.Empty(Check("v5.log", "version srcaddr dstaddr srcport dstport protocol start end action tcp-flags flow-direction log-status\n"
            + "5 10.244.1.20 10.244.2.50 40000 50000 6 1777627800 1777627860 ACCEPT 18 egress OK\n"));
    }

    [Fact]
    public void First_and_last_of_aggregated_records_are_the_earliest_start_and_the_latest_end()
    {
        // One connection over two capture windows listed later one first, and another connection five minutes on.
        var alerts = Check("flows.log", VpcHeader
            + "2 123456789012 eni-1 10.244.2.50 8.8.8.8 45000 443 6 10 1000 1777627850 1777627920 ACCEPT OK\n"
            + "2 123456789012 eni-1 10.244.2.50 8.8.8.8 45000 443 6 10 1000 1777627800 1777627860 ACCEPT OK\n"
            + "2 123456789012 eni-1 10.244.2.50 8.8.8.8 45001 443 6 10 1000 1777628100 1777628160 ACCEPT OK\n");

        Assert.Equal(["internet-egress ops/probe[Pod] > 8.8.8.8 TCP [443] x2 2026-05-01T09:30:00Z..2026-05-01T09:36:00Z"], alerts);
    }
}
