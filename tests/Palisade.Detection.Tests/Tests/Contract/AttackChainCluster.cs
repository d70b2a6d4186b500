using System.Globalization;
using System.Text;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// The cluster of the blind attack-chain review (2026-12-02) and writers of the records a capture of its traffic holds.
/// Nodes cp-1 (10.0.0.10) and node-01..node-20 (10.0.0.11..10.0.0.30; node-01 also ExternalIP 198.51.100.11). shop:
/// Deployment web (10.244.1.10 and fd00:10:244:1::10, 10.244.2.10; http 8080; Service web 10.96.1.10:80) open to any peer on
/// 8080, Deployment cache (10.244.5.20, 10.244.5.21; Service cache 10.96.0.20:6379) admitting web on 6379, everything else
/// in shop denied ingress. data: Deployment db (10.244.3.30; 5432, 5433) admitting shop's web on 5432 only, denied all egress. pay (Istio
/// PeerAuthentication STRICT for the namespace, PERMISSIVE for ledger but STRICT at its
/// 9090): Deployments payments (10.244.4.40, 8080) and ledger (10.244.4.41, 8080 and 9090), no NetworkPolicy. ops: bare pod tool (10.244.6.60 and fd00:10:244:6::60), no NetworkPolicy. monitoring (ingress denied):
/// DaemonSet node-agent (10.244.1.50 and fd00:10:244:1::50, 10.244.2.50, 10.244.3.50). kube-system: Deployment coredns
/// (10.244.0.53) behind kube-dns (10.96.0.10, 53 UDP and TCP). default/kubernetes 10.96.0.1:443 → Endpoints 10.0.0.10:6443.
/// </summary>
internal static class AttackChainCluster
{
    public const string WebA = "10.244.1.10";
    public const string WebA6 = "fd00:10:244:1::10";
    public const string WebB = "10.244.2.10";
    public const string CacheA = "10.244.5.20";
    public const string CacheB = "10.244.5.21";
    public const string CacheService = "10.96.0.20";
    public const string Db = "10.244.3.30";
    public const string Payments = "10.244.4.40";
    public const string Ledger = "10.244.4.41";
    public const string Tool = "10.244.6.60";
    public const string Tool6 = "fd00:10:244:6::60";
    public const string Agent1 = "10.244.1.50";
    public const string Agent16 = "fd00:10:244:1::50";
    public const string Agent2 = "10.244.2.50";
    public const string Agent3 = "10.244.3.50";
    public const string CoreDns = "10.244.0.53";
    public const string KubeDns = "10.96.0.10";
    public const string ControlPlane = "10.0.0.10";

    /// <summary>10:00:00Z on 2026-05-01, the start of the incident.</summary>
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    public const string VpcHeader = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n";

    public const string V5Header = "version srcaddr dstaddr srcport dstport protocol start end action tcp-flags flow-direction log-status\n";

    public const string CsvHeader = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n";

    /// <summary>The InternalIP of node-NN (1..20).</summary>
    public static string Node(int n) => "10.0.0." + (10 + n).ToString(CultureInfo.InvariantCulture);

    /// <summary>The alert name of node-NN (1..20).</summary>
    public static string NodeName(int n) => "node/node-" + n.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>Hubble's time stamp (nanoseconds) of an instant some seconds after <see cref="Start"/>.</summary>
    public static string Time(double seconds) => Start.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    /// <summary>
    /// One line of <c>hubble observe -o json</c>: the flow with the endpoint metadata Cilium attaches, L4 ports, TCP flags
    /// (a SYN unless <paramref name="flags"/> says otherwise), a drop reason on drops, and an L7 payload when given.
    /// </summary>
    public static string Hubble(double at, string src, int sport, string dst, int dport, string verdict = "FORWARDED",
        string protocol = "TCP", bool reply = false, string flags = "\"SYN\": true", string dropReason = "POLICY_DENIED", string? l7 = null)
    {
        var time = Time(at);
        var drop = verdict == "DROPPED" ? $"\"drop_reason\": {(dropReason == "POLICY_DENIED" ? 133 : 155)}, \"drop_reason_desc\": \"{dropReason}\", " : "";
        var l4 = protocol == "TCP"
            ? $"{{\"TCP\": {{\"source_port\": {sport}, \"destination_port\": {dport}, \"flags\": {{{flags}}}}}}}"
            : $"{{\"{protocol}\": {{\"source_port\": {sport}, \"destination_port\": {dport}}}}}";
        var type = l7 is null ? "\"Type\": \"L3_L4\", \"event_type\": {\"type\": " + (verdict == "DROPPED" ? "1" : "4") + "}"
            : "\"Type\": \"L7\", \"event_type\": {\"type\": 129}, \"l7\": " + l7;
        var family = src.Contains(':', StringComparison.Ordinal) ? "IPv6" : "IPv4";
        var summary = l7 is null ? $"{protocol} Flags: {flags.Replace("\"", "", StringComparison.Ordinal).Replace(": true", "", StringComparison.Ordinal)}" : "L7";
        return $$"""{"flow": {"time": "{{time}}", "uuid": "{{Guid.NewGuid()}}", "verdict": "{{verdict}}", {{drop}}"ethernet": {"source": "0e:9a:3f:11:22:33", "destination": "de:ad:be:ef:00:01"}, "IP": {"source": "{{src}}", "destination": "{{dst}}", "ipVersion": "{{family}}"}, "l4": {{l4}}, "source": {{Endpoint(src)}}, "destination": {{Endpoint(dst)}}, {{type}}, "node_name": "node-01", "reply": {{(reply ? "true" : "false")}}, "traffic_direction": "{{(reply ? "INGRESS" : "EGRESS")}}", "trace_observation_point": "TO_STACK", "is_reply": {{(reply ? "true" : "false")}}, "Summary": "{{summary}}"}, "node_name": "node-01", "time": "{{time}}"}""" + "\n";
    }

    /// <summary>A Hubble L7 DNS request from a pod to CoreDNS.</summary>
    public static string DnsQuery(double at, string src, string name, int sport = 53001, string type = "A", string server = CoreDns) =>
        Hubble(at, src, sport, server, 53, protocol: "UDP",
            l7: $$$"""{"type": "REQUEST", "latency_ns": "0", "dns": {"query": "{{{name}}}", "qtypes": ["{{{type}}}"], "observation_source": "proxy"}}""");

    /// <summary>A Hubble L7 HTTP request with the given headers (<c>key: value</c> pairs).</summary>
    public static string HttpRequest(double at, string src, int sport, string dst, int dport, string url, params string[] headers)
    {
        var list = string.Join(", ", headers.Select(h => h.Split(": ", 2)).Select(h => $$"""{"key": "{{h[0]}}", "value": "{{h[1]}}"}"""));
        return Hubble(at, src, sport, dst, dport, flags: "\"ACK\": true, \"PSH\": true",
            l7: $$$"""{"type": "REQUEST", "latency_ns": "0", "http": {"method": "GET", "url": "{{{url}}}", "protocol": "HTTP/1.1", "headers": [{{{list}}}]}}""");
    }

    /// <summary>A CSV record.</summary>
    public static string Csv(double at, string src, int sport, string dst, int dport, string verdict = "FORWARDED", string protocol = "TCP") =>
        $"{Start.AddSeconds(at).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)},{src},{sport},{dst},{dport},{protocol},60,{verdict}\n";

    /// <summary>A VPC flow log v2 record of the one-minute capture window starting some seconds after <see cref="Start"/>.</summary>
    public static string Vpc(int at, string src, int sport, string dst, int dport, string action = "ACCEPT")
    {
        var start = Start.ToUnixTimeSeconds() + at;
        return $"2 123456789012 eni-0a1b2c3d4e5f60718 {src} {dst} {sport} {dport} 6 3 180 {start} {start + 60} {action} OK\n";
    }

    /// <summary>A GCP VPC flow log entry reported by the source's VM.</summary>
    public static string Gcp(int at, string src, int sport, string dst, int dport)
    {
        var start = Start.AddSeconds(at).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var end = Start.AddSeconds(at + 5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $$$"""{"insertId": "{{{Guid.NewGuid():N}}}", "logName": "projects/p/logs/compute.googleapis.com%2Fvpc_flows", "timestamp": "{{{end}}}", "jsonPayload": {"connection": {"src_ip": "{{{src}}}", "src_port": {{{sport}}}, "dest_ip": "{{{dst}}}", "dest_port": {{{dport}}}, "protocol": 6}, "reporter": "SRC", "start_time": "{{{start}}}", "end_time": "{{{end}}}", "bytes_sent": "1200", "packets_sent": "4"}}""" + "\n";
    }

    private static readonly Dictionary<string, (string Ns, string Pod, string App, string Workload, string Kind)> Pods = new()
    {
        [WebA] = ("shop", "web-6d8f9c7b5-x2k4q", "web", "web", "Deployment"),
        [WebA6] = ("shop", "web-6d8f9c7b5-x2k4q", "web", "web", "Deployment"),
        [WebB] = ("shop", "web-6d8f9c7b5-p9z7m", "web", "web", "Deployment"),
        [CacheA] = ("shop", "cache-58b7d9f6c4-aaaaa", "cache", "cache", "Deployment"),
        [CacheB] = ("shop", "cache-58b7d9f6c4-bbbbb", "cache", "cache", "Deployment"),
        [Db] = ("data", "db-7f9c8d6b5-qqqqq", "db", "db", "Deployment"),
        [Payments] = ("pay", "payments-6c5d4f7b8-ppppp", "payments", "payments", "Deployment"),
        [Ledger] = ("pay", "ledger-5b4c3d2e1-lllll", "ledger", "ledger", "Deployment"),
        [Tool] = ("ops", "tool", "tool", "tool", "Pod"),
        [Agent1] = ("monitoring", "node-agent-7xk2p", "node-agent", "node-agent", "DaemonSet"),
        [Agent16] = ("monitoring", "node-agent-7xk2p", "node-agent", "node-agent", "DaemonSet"),
        [Agent2] = ("monitoring", "node-agent-m4q8r", "node-agent", "node-agent", "DaemonSet"),
        [Agent3] = ("monitoring", "node-agent-z9w3t", "node-agent", "node-agent", "DaemonSet"),
        [CoreDns] = ("kube-system", "coredns-5d78c9869d-cccc1", "kube-dns", "coredns", "Deployment"),
    };

    private static string Endpoint(string ip) => Pods.TryGetValue(ip, out var p)
        ? $$"""{"ID": 1201, "identity": 48213, "cluster_name": "default", "namespace": "{{p.Ns}}", "labels": ["k8s:app={{p.App}}", "k8s:io.kubernetes.pod.namespace={{p.Ns}}"], "pod_name": "{{p.Pod}}", "workloads": [{"name": "{{p.Workload}}", "kind": "{{p.Kind}}"}]}"""
        : ip.StartsWith("10.0.0.", StringComparison.Ordinal) ? """{"identity": 6, "labels": ["reserved:remote-node"]}"""
        : """{"identity": 2, "labels": ["reserved:world"]}""";

    /// <summary>The cluster as manifests (a <c>kubectl get -o yaml</c>-like multi-document file).</summary>
    public static string Manifests()
    {
        var yaml = new StringBuilder(Fixed);
        for (var n = 1; n <= 20; n++)
        {
            var external = n == 1 ? ", {type: ExternalIP, address: 198.51.100.11}" : "";
            yaml.Append(CultureInfo.InvariantCulture, $"---\napiVersion: v1\nkind: Node\nmetadata: {{name: node-{n:00}}}\nspec: {{podCIDR: 10.244.{n}.0/24}}\n")
                .Append(CultureInfo.InvariantCulture, $"status: {{addresses: [{{type: InternalIP, address: {Node(n)}}}{external}]}}\n");
        }

        return yaml.ToString();
    }

    /// <summary>A Deployment's ReplicaSet and one of its pods; the ReplicaSet comes twice for two pods, which reading tolerates.</summary>
    private static string ReplicaSetPod(string ns, string deployment, string hash, string pod, string node, string ips, string ports) => """
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: DEPLOY-HASH, namespace: NS, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: DEPLOY, uid: d-DEPLOY, controller: true}]}
        spec: {selector: {matchLabels: {app: DEPLOY}}, template: {metadata: {labels: {app: DEPLOY}}, spec: {containers: [{name: c, image: x, ports: [PORTS]}]}}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: POD, namespace: NS, labels: {app: DEPLOY}, creationTimestamp: "2026-04-01T00:00:00Z", ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: DEPLOY-HASH, uid: r-DEPLOY, controller: true}]}
        spec: {nodeName: NODE, containers: [{name: c, image: x, ports: [PORTS]}]}
        status: {phase: Running, podIP: FIRST, podIPs: [IPS]}

        """.Replace("DEPLOY", deployment, StringComparison.Ordinal).Replace("HASH", hash, StringComparison.Ordinal)
        .Replace("NS", ns, StringComparison.Ordinal).Replace("PORTS", ports, StringComparison.Ordinal).Replace("POD", pod, StringComparison.Ordinal)
        .Replace("NODE", node, StringComparison.Ordinal).Replace("FIRST", ips.Split(',')[0], StringComparison.Ordinal)
        .Replace("IPS", string.Join(", ", ips.Split(',').Select(ip => "{ip: \"" + ip + "\"}")), StringComparison.Ordinal);

    private static readonly string Fixed = string.Concat(
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: data}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: pay, labels: {istio-injection: enabled}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: ops}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: monitoring}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: kube-system}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: cp-1, labels: {node-role.kubernetes.io/control-plane: ""}}
        spec: {podCIDR: 10.244.0.0/24}
        status: {addresses: [{type: InternalIP, address: 10.0.0.10}]}

        """,
        ReplicaSetPod("shop", "web", "6d8f9c7b5", "web-6d8f9c7b5-x2k4q", "node-01", "10.244.1.10,fd00:10:244:1::10", "{name: http, containerPort: 8080}"),
        ReplicaSetPod("shop", "web", "6d8f9c7b5", "web-6d8f9c7b5-p9z7m", "node-02", "10.244.2.10", "{name: http, containerPort: 8080}"),
        ReplicaSetPod("shop", "cache", "58b7d9f6c4", "cache-58b7d9f6c4-aaaaa", "node-05", "10.244.5.20", "{name: redis, containerPort: 6379}"),
        ReplicaSetPod("shop", "cache", "58b7d9f6c4", "cache-58b7d9f6c4-bbbbb", "node-05", "10.244.5.21", "{name: redis, containerPort: 6379}"),
        ReplicaSetPod("data", "db", "7f9c8d6b5", "db-7f9c8d6b5-qqqqq", "node-03", "10.244.3.30", "{name: pg, containerPort: 5432}, {name: pg-replica, containerPort: 5433}"),
        ReplicaSetPod("pay", "payments", "6c5d4f7b8", "payments-6c5d4f7b8-ppppp", "node-04", "10.244.4.40", "{name: http, containerPort: 8080}"),
        ReplicaSetPod("pay", "ledger", "5b4c3d2e1", "ledger-5b4c3d2e1-lllll", "node-04", "10.244.4.41", "{name: http, containerPort: 8080}, {name: admin, containerPort: 9090}"),
        ReplicaSetPod("kube-system", "coredns", "5d78c9869d", "coredns-5d78c9869d-cccc1", "cp-1", "10.244.0.53", "{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53}"),
        """
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: tool, namespace: ops, labels: {app: tool}, creationTimestamp: "2026-04-01T00:00:00Z"}
        spec: {nodeName: node-06, containers: [{name: c, image: nicolaka/netshoot}]}
        status: {phase: Running, podIP: 10.244.6.60, podIPs: [{ip: 10.244.6.60}, {ip: "fd00:10:244:6::60"}]}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: node-agent, namespace: monitoring}
        spec: {selector: {matchLabels: {app: node-agent}}, template: {metadata: {labels: {app: node-agent}}, spec: {containers: [{name: c, image: x}]}}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: node-agent-7xk2p, namespace: monitoring, labels: {app: node-agent}, creationTimestamp: "2026-04-01T00:00:00Z", ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: node-agent, uid: ds1, controller: true}]}
        spec: {nodeName: node-01, containers: [{name: c, image: x}]}
        status: {phase: Running, podIP: 10.244.1.50, podIPs: [{ip: 10.244.1.50}, {ip: "fd00:10:244:1::50"}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: node-agent-m4q8r, namespace: monitoring, labels: {app: node-agent}, creationTimestamp: "2026-04-01T00:00:00Z", ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: node-agent, uid: ds1, controller: true}]}
        spec: {nodeName: node-02, containers: [{name: c, image: x}]}
        status: {phase: Running, podIP: 10.244.2.50, podIPs: [{ip: 10.244.2.50}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: node-agent-z9w3t, namespace: monitoring, labels: {app: node-agent}, creationTimestamp: "2026-04-01T00:00:00Z", ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: node-agent, uid: ds1, controller: true}]}
        spec: {nodeName: node-03, containers: [{name: c, image: x}]}
        status: {phase: Running, podIP: 10.244.3.50, podIPs: [{ip: 10.244.3.50}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {clusterIP: 10.96.1.10, clusterIPs: [10.96.1.10], selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: cache, namespace: shop}
        spec: {clusterIP: 10.96.0.20, clusterIPs: [10.96.0.20], selector: {app: cache}, ports: [{name: redis, port: 6379, targetPort: redis}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: kube-dns, namespace: kube-system}
        spec: {clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10], selector: {app: coredns}, ports: [{name: dns, port: 53, protocol: UDP, targetPort: 53}, {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: kubernetes, namespace: default, labels: {component: apiserver, provider: kubernetes}}
        spec: {clusterIP: 10.96.0.1, clusterIPs: [10.96.0.1], ports: [{name: https, port: 443, targetPort: 6443}]}
        ---
        apiVersion: v1
        kind: Endpoints
        metadata: {name: kubernetes, namespace: default}
        subsets: [{addresses: [{ip: 10.0.0.10}], ports: [{name: https, port: 6443, protocol: TCP}]}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny-ingress, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web-ingress, namespace: shop}
        spec: {podSelector: {matchLabels: {app: web}}, ingress: [{ports: [{port: 8080}]}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: cache-ingress, namespace: shop}
        spec: {podSelector: {matchLabels: {app: cache}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 6379}]}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-allow, namespace: data}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress]
          ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}, podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-no-egress, namespace: data}
        spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Egress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny-ingress, namespace: monitoring}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: pay}
        spec: {mtls: {mode: STRICT}}
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: ledger-permissive, namespace: pay}
        spec: {selector: {matchLabels: {app: ledger}}, mtls: {mode: PERMISSIVE}, portLevelMtls: {9090: {mode: STRICT}}}

        """);
}
