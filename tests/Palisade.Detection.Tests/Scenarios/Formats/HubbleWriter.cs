using System.Text;
using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Traffic;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Formats;

/// <summary>
/// <c>hubble observe -o json</c> output: one <c>{"flow":{...},"node_name":...,"time":...}</c> line per event,
/// protobuf field names as Hubble prints them. A TCP connection is several events (SYN, SYN-ACK, data, FIN;
/// the server's marked <c>is_reply</c>), a policy drop is a SYN and its retransmission, and L7 visibility
/// adds DNS and HTTP request and response events. Service traffic shows the backend pod (Cilium translates
/// at the socket) with <c>destination_service</c>, after the socket's translation traces (<c>Type: SOCK</c>, no source
/// port), which are not packets of the connection.
/// </summary>
public sealed class HubbleWriter : IFlowWriter
{
    public FlowFormat Format => FlowFormat.Hubble;

    public string Write(IReadOnlyList<Connection> connections, ClusterSpec cluster)
    {
        var events = new List<(DateTimeOffset Time, int Order, JsonObject Line)>();
        foreach (var c in connections)
        {
            foreach (var (time, flow) in Events(c, cluster))
                events.Add((time, events.Count, Obj(("flow", flow), ("node_name", flow["node_name"]!.GetValue<string>()), ("time", Times.Nanos(time)))));
        }
        var text = new StringBuilder();
        foreach (var e in events.OrderBy(e => e.Time).ThenBy(e => e.Order))
            text.Append(Line(e.Line)).Append('\n');
        return text.ToString();
    }

    private static IEnumerable<(DateTimeOffset, JsonObject)> Events(Connection c, ClusterSpec cluster)
    {
        var t = c.Time;
        // Cilium's socket load balancer traces the connect() to a Service before any packet: where the connection was sent,
        // and to which backend (no source port), whatever the policies then do with its packets.
        if (c.Service is { } service && c.Src is PodPeer && c.Protocol != "ICMP")
        {
            yield return (t.AddTicks(-200), Sock(c, t.AddTicks(-200), service.ClusterIp, c.ServicePort!.Value, "TRACED", "SOCK_XLATE_POINT_PRE_DIRECTION_FWD"));
            yield return (t.AddTicks(-100), Sock(c, t.AddTicks(-100), c.Dst.Ip, c.DstPort, "TRANSLATED", "SOCK_XLATE_POINT_POST_DIRECTION_FWD"));
        }
        foreach (var e in Packets(c, cluster, t))
            yield return e;
    }

    private static IEnumerable<(DateTimeOffset, JsonObject)> Packets(Connection c, ClusterSpec cluster, DateTimeOffset t)
    {
        if (c.Verdict != Verdict.Forwarded)
        {
            var (code, name) = c.Verdict == Verdict.DroppedByPolicy ? (133, "POLICY_DENIED") : (134, "INVALID_PACKET_DROPPED");
            yield return (t, Drop(c, cluster, t, code, name));
            if (c.Protocol == "TCP")
                yield return (t.AddSeconds(1), Drop(c, cluster, t.AddSeconds(1), code, name));
            yield break;
        }
        if (c.Protocol != "TCP")
        {
            yield return (t, Trace(c, cluster, t, reply: false, null));
            if (c.L7 is DnsQuery dns)
            {
                yield return (t.AddTicks(1500), L7(c, cluster, t.AddTicks(1500), reply: false, DnsPayload(dns, response: false), $"DNS Query {dns.Name} {dns.QType}"));
                if (c.HasReplies)
                    yield return (t.AddTicks(9000), L7(c, cluster, t.AddTicks(9000), reply: true, DnsPayload(dns, response: true),
                        dns.RCode == 0 ? $"DNS Answer TTL: 30 (Proxy {dns.Name} {dns.QType})" : $"DNS Answer RCode: Non-Existent Domain TTL: 4294967295 (Proxy {dns.Name} {dns.QType})"));
            }
            if (c.HasReplies)
                yield return (t.AddTicks(10000), Trace(c, cluster, t.AddTicks(10000), reply: true, null));
            yield break;
        }
        yield return (t, Trace(c, cluster, t, reply: false, Flags("SYN")));
        if (!c.HasReplies)
        {
            // Nobody answers: the client retransmits its SYN.
            yield return (t.AddSeconds(1), Trace(c, cluster, t.AddSeconds(1), reply: false, Flags("SYN")));
            yield break;
        }
        yield return (t.AddTicks(4000), Trace(c, cluster, t.AddTicks(4000), reply: true, Flags("SYN", "ACK")));
        yield return (t.AddTicks(6000), Trace(c, cluster, t.AddTicks(6000), reply: false, Flags("ACK")));
        if (c.L7 is HttpRequest http)
        {
            // The L7 proxy's own connection to the server, opened when the request arrives.
            if (c.Src is PodPeer client)
            {
                yield return (t.AddTicks(7000), Upstream(c, client, t.AddTicks(7000), Flags("SYN")));
                yield return (t.AddTicks(7500), Upstream(c, client, t.AddTicks(7500), Flags("PSH", "ACK")));
            }
            yield return (t.AddTicks(8000), L7(c, cluster, t.AddTicks(8000), reply: false, HttpPayload(http, response: false), $"{http.Protocol} {http.Method} {http.Url}"));
            yield return (t.AddTicks(90000), L7(c, cluster, t.AddTicks(90000), reply: true, HttpPayload(http, response: true), $"{http.Protocol} {http.Status} {http.Url}"));
        }
        yield return (t.AddTicks(100000), Trace(c, cluster, t.AddTicks(100000), reply: true, Flags("PSH", "ACK")));
        yield return (t.AddTicks(120000), Trace(c, cluster, t.AddTicks(120000), reply: false, Flags("FIN", "ACK")));
    }

    /// <summary>
    /// A packet of the egress L7 proxy's connection to the server (Cilium before the proxy used the client's address, as in
    /// the corpus's bookinfo flows): from the client node's router address (cilium_host, the pod range's first address)
    /// with the client's identity and labels but no pod name; seen leaving for the tunnel (to-overlay: no is_reply, no
    /// direction), or delivered to a server on the same node, or leaving for the stack.
    /// </summary>
    private static JsonObject Upstream(Connection c, PodPeer client, DateTimeOffset time, JsonObject flags)
    {
        var node = client.Pod.Node;
        var router = node.PodCidr[..node.PodCidr.LastIndexOf('.')] + ".1";
        var sameNode = c.Dst is PodPeer server && server.Pod.Node == node;
        var point = c.Dst is PodPeer ? sameNode ? "TO_ENDPOINT" : "TO_OVERLAY" : "TO_STACK";
        var identity = Endpoint(client, node, c.DstPort);
        var flow = Obj(
            ("time", Times.Nanos(time)),
            ("uuid", Uuid(c, time, reply: false) + "-proxy"),
            ("verdict", "FORWARDED"),
            ("IP", Obj(("source", router), ("destination", c.Dst.Ip), ("ipVersion", "IPv4"))),
            ("l4", Obj(("TCP", Obj(("source_port", 20000 + Small(c.Src.Ip + ">" + c.Dst.Ip, 10000)), ("destination_port", c.DstPort), ("flags", flags))))),
            ("source", Obj(("identity", identity["identity"]!.DeepClone()), ("labels", identity["labels"]!.DeepClone()))),
            ("destination", Endpoint(c.Dst, node, c.DstPort)),
            ("Type", "L3_L4"),
            ("node_name", node.Name),
            ("event_type", Obj(("type", 4), ("sub_type", point == "TO_OVERLAY" ? 4 : point == "TO_STACK" ? 3 : 0))),
            ("trace_observation_point", point),
            ("Summary", "TCP Flags: " + string.Join(", ", flags.Select(f => f.Key))));
        if (point != "TO_OVERLAY")
        {
            flow["traffic_direction"] = point == "TO_ENDPOINT" ? "INGRESS" : "EGRESS";
            flow["is_reply"] = false;
        }
        return flow;
    }

    private static JsonObject Flags(params string[] names)
    {
        var flags = new JsonObject();
        foreach (var n in names)
            flags[n] = true;
        return flags;
    }

    private static JsonObject Trace(Connection c, ClusterSpec cluster, DateTimeOffset time, bool reply, JsonObject? flags)
    {
        var flow = Base(c, cluster, time, reply, "FORWARDED", "L3_L4", Obj(("type", 4), ("sub_type", reply ? 3 : 0)), flags);
        flow["trace_observation_point"] = reply ? "TO_ENDPOINT" : "TO_STACK";
        flow["Summary"] = flags is null ? c.Protocol switch { "ICMP" => reply ? "ICMPv4 EchoReply" : "ICMPv4 EchoRequest", var p => p } : "TCP Flags: " + string.Join(", ", flags.Select(f => f.Key));
        return flow;
    }

    /// <summary>A socket translation trace (Type SOCK): the client's pod and the address it connected to, no source port.</summary>
    private static JsonObject Sock(Connection c, DateTimeOffset time, string destination, int port, string verdict, string point)
    {
        var node = ObservingNode(c);
        var flow = Obj(
            ("time", Times.Nanos(time)),
            ("uuid", Uuid(c, time, reply: false)),
            ("verdict", verdict),
            ("IP", Obj(("source", c.Src.Ip), ("destination", destination), ("ipVersion", "IPv4"))),
            ("l4", Obj((c.Protocol, Obj(("destination_port", port))))),
            ("source", Endpoint(c.Src, node, c.DstPort)),
            ("destination", Endpoint(c.Dst, node, c.DstPort)),
            ("Type", "SOCK"),
            ("node_name", node.Name),
            ("event_type", Obj(("type", 138), ("sub_type", point.Contains("PRE", StringComparison.Ordinal) ? 1 : 2))),
            ("sock_xlate_point", point),
            ("socket_cookie", "4096"),
            ("Summary", c.Protocol));
        if (c.Service is { } service)
            flow["destination_service"] = Obj(("name", service.Name), ("namespace", service.Namespace));
        return flow;
    }

    private static JsonObject Drop(Connection c, ClusterSpec cluster, DateTimeOffset time, int code, string name)
    {
        var flow = Base(c, cluster, time, reply: false, "DROPPED", "L3_L4", Obj(("type", 1), ("sub_type", code)), c.Protocol == "TCP" ? Flags("SYN") : null);
        flow["drop_reason"] = code;
        flow["drop_reason_desc"] = name;
        flow["Summary"] = c.Protocol == "TCP" ? "TCP Flags: SYN" : c.Protocol;
        return flow;
    }

    private static JsonObject L7(Connection c, ClusterSpec cluster, DateTimeOffset time, bool reply, JsonObject l7, string summary)
    {
        var flow = Base(c, cluster, time, reply, "FORWARDED", "L7", Obj(("type", 129)), null);
        flow["l7"] = l7;
        flow["Summary"] = summary;
        return flow;
    }

    private static JsonObject DnsPayload(DnsQuery dns, bool response)
    {
        if (!response)
            return Obj(("type", "REQUEST"), ("dns", Obj(("query", dns.Name), ("observation_source", "proxy"), ("qtypes", Arr(dns.QType)))));
        var answer = Obj(("query", dns.Name), ("ips", dns.RCode == 0 ? Arr("52.216.44.10") : null), ("ttl", dns.RCode == 0 ? 30 : 4294967295L),
            ("observation_source", "proxy"), ("rcode", dns.RCode), ("qtypes", Arr(dns.QType)), ("rrtypes", dns.RCode == 0 ? Arr("A") : null));
        return Obj(("type", "RESPONSE"), ("latency_ns", 740000), ("dns", answer));
    }

    private static JsonObject HttpPayload(HttpRequest http, bool response)
    {
        if (!response)
        {
            var headers = Arr(http.Headers.Select(h => (JsonNode?)Obj(("key", h.Key), ("value", h.Value))));
            return Obj(("type", "REQUEST"), ("http", Obj(("method", http.Method), ("url", http.Url), ("protocol", http.Protocol), ("headers", headers))));
        }
        return Obj(("type", "RESPONSE"), ("latency_ns", 8200000),
            ("http", Obj(("code", http.Status), ("method", http.Method), ("url", http.Url), ("protocol", http.Protocol),
                ("headers", Arr(Obj(("key", "Content-Type"), ("value", "application/json")))))));
    }

    /// <summary>The fields every event has; <paramref name="reply"/> swaps the directions.</summary>
    private static JsonObject Base(Connection c, ClusterSpec cluster, DateTimeOffset time, bool reply, string verdict, string type, JsonObject eventType, JsonObject? flags)
    {
        var node = ObservingNode(c);
        var (src, dst) = reply ? (c.Dst, c.Src) : (c.Src, c.Dst);
        var (srcPort, dstPort) = reply ? (c.DstPort, c.SrcPort) : (c.SrcPort, c.DstPort);
        // An ICMP echo reply is type 0, which proto3's JSON leaves out.
        JsonObject l4 = c.Protocol switch
        {
            "TCP" => Obj(("TCP", Obj(("source_port", srcPort), ("destination_port", dstPort), ("flags", flags)))),
            "ICMP" => Obj(("ICMPv4", reply ? new JsonObject() : Obj(("type", 8)))),
            _ => Obj(("UDP", Obj(("source_port", srcPort), ("destination_port", dstPort)))),
        };
        var flow = Obj(
            ("time", Times.Nanos(time)),
            ("uuid", Uuid(c, time, reply)),
            ("verdict", verdict),
            ("IP", Obj(("source", src.Ip), ("destination", dst.Ip), ("ipVersion", "IPv4"))),
            ("l4", l4),
            ("source", Endpoint(src, node, c.DstPort)),
            ("destination", Endpoint(dst, node, c.DstPort)),
            ("Type", type),
            ("node_name", node.Name),
            ("event_type", eventType),
            ("traffic_direction", c.Src is NodePeer or ExternalPeer ? "INGRESS" : "EGRESS"),
            ("is_reply", reply));
        if (reply)
            flow["reply"] = true;
        if (c.Service is { } service)
            flow[reply ? "source_service" : "destination_service"] = Obj(("name", service.Name), ("namespace", service.Namespace));
        else if (c.Dst is PodlessServicePeer podless)
            flow[reply ? "source_service" : "destination_service"] = Obj(("name", podless.Service.Name), ("namespace", podless.Service.Namespace));
        return flow;
    }

    /// <summary>The node whose agent reports the event: the client's.</summary>
    private static ClusterNode ObservingNode(Connection c) => c.Src switch
    {
        PodPeer p => p.Pod.Node,
        NodePeer n => n.Node,
        _ => c.Dst switch
        {
            PodPeer d => d.Pod.Node,
            NodePeer n => n.Node,
            _ => throw new InvalidOperationException("a connection between two addresses outside the cluster"),
        },
    };

    private static JsonObject Endpoint(Peer peer, ClusterNode observer, int serverPort) => peer switch
    {
        PodPeer p => Obj(("ID", Small(p.Pod.Name, 4000)), ("identity", 256 + Small(p.Pod.Workload.AlertName, 60000)), ("cluster_name", "default"),
            ("namespace", p.Pod.Namespace), ("labels", Arr(PodLabels(p.Pod))), ("pod_name", p.Pod.Name),
            ("workloads", Arr(Obj(("name", p.Pod.Workload.Name), ("kind", p.Pod.Workload.Kind))))),
        NodePeer n when n.Node.ControlPlane && serverPort == ClusterSpec.ApiServerPort => Obj(("identity", 7), ("labels", Arr("reserved:kube-apiserver", "reserved:remote-node"))),
        NodePeer n when n.Node == observer => Obj(("identity", 1), ("labels", Arr("reserved:host"))),
        NodePeer => Obj(("identity", 6), ("labels", Arr("reserved:remote-node"))),
        PodlessServicePeer => Obj(("identity", 7), ("labels", Arr("reserved:kube-apiserver"))),
        _ => Obj(("identity", 2), ("labels", Arr("reserved:world"))),
    };

    private static IEnumerable<JsonNode?> PodLabels(ClusterPod pod)
    {
        foreach (var (key, value) in pod.Workload.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            yield return $"k8s:{key}={value}";
        yield return "k8s:io.cilium.k8s.policy.cluster=default";
        yield return $"k8s:io.cilium.k8s.policy.serviceaccount={pod.Workload.Name}";
        yield return $"k8s:io.kubernetes.pod.namespace={pod.Namespace}";
    }

    private static int Small(string key, int modulo) =>
        (int)(BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key))) % (uint)modulo) + 1;

    private static string Uuid(Connection c, DateTimeOffset time, bool reply) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{c.Src.Ip}:{c.SrcPort}>{c.Dst.Ip}:{c.DstPort}@{time.UtcTicks}/{reply}"))[..16]).ToString();
}
