using System.Globalization;
using System.Text;

namespace Palisade.Benchmarks;

/// <summary>
/// Writes seeded synthetic flow files for timing the readers: pods in namespaces with Hubble-like labels,
/// traffic between them (HTTP, PostgreSQL, DNS to kube-dns, some ICMP and external peers), replies and a
/// few policy drops; Hubble records carry the fields real ones do (ethernet, labels, event type, summary).
/// </summary>
public static class FlowsGenerator
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Writes <paramref name="count"/> records of <paramref name="format"/> (hubble, vpc, csv) to <paramref name="path"/>.</summary>
    public static void Write(string format, long count, string path)
    {
        using var output = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var pods = Pods(new Random(42));
        var random = new Random(7);
        Action<Flow> write = format switch
        {
            "hubble" => flow => WriteHubble(output, flow),
            "vpc" => flow => WriteVpc(output, flow),
            "csv" => flow => WriteCsv(output, flow),
            _ => throw new ArgumentException($"unknown format '{format}' (hubble, vpc, csv)", nameof(format)),
        };
        if (format == "vpc")
            output.Write("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n");
        if (format == "csv")
            output.Write("time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n");
        for (long i = 0; i < count; i++)
            write(Next(pods, random, i));
    }

    private sealed record Pod(string Namespace, string App, string Name, string Ip, int Identity, int Port);

    private sealed record Flow(DateTimeOffset Time, Pod Source, Pod? Destination, string DestinationIp, int SourcePort, int DestinationPort, int Protocol, bool Dropped, bool Reply, bool Dns);

    private static List<Pod> Pods(Random random)
    {
        var pods = new List<Pod>();
        string[] apps = ["web", "api", "cart", "checkout", "payments", "search", "catalog", "auth", "worker", "redis", "postgres", "kafka"];
        for (var ns = 0; ns < 40; ns++)
        {
            foreach (var app in apps.Take(4 + ns % 8))
            {
                for (var replica = 0; replica < 3; replica++)
                {
                    var ip = $"10.{ns / 4}.{(ns % 4) * 64 + pods.Count % 64}.{10 + pods.Count % 240}";
                    var port = app switch { "redis" => 6379, "postgres" => 5432, "kafka" => 9092, _ => 8080 };
                    pods.Add(new Pod($"team-{ns:00}", app, $"{app}-{random.Next(0x10000000):x7}-{random.Next(0x100000):x5}", ip, 10000 + ns * 16 + Array.IndexOf(apps, app), port));
                }
            }
        }
        pods.Add(new Pod("kube-system", "kube-dns", "coredns-5d78c9869d-abcde", "10.200.0.10", 102, 53));
        return pods;
    }

    private static Flow Next(List<Pod> pods, Random random, long index)
    {
        var time = Start.AddTicks(index * 7_919 + random.Next(1_000));
        var source = pods[random.Next(pods.Count - 1)];
        var roll = random.Next(100);
        if (roll < 15)
            return new Flow(time, source, pods[^1], pods[^1].Ip, 30000 + random.Next(30000), 53, 17, false, random.Next(2) == 0, true);
        if (roll < 20)
            return new Flow(time, source, null, $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}", 30000 + random.Next(30000), 443, 6, false, false, false);
        if (roll < 22)
            return new Flow(time, source, pods[random.Next(pods.Count - 1)], pods[random.Next(pods.Count - 1)].Ip, 0, 0, 1, false, false, false);
        var destination = pods[random.Next(pods.Count - 1)];
        return new Flow(time, source, destination, destination.Ip, 30000 + random.Next(30000), destination.Port, 6, roll < 25, roll > 60, false);
    }

    private static void WriteHubble(TextWriter output, Flow flow)
    {
        var time = flow.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);
        var (from, to) = flow.Reply ? (flow.Destination, (Pod?)flow.Source) : (flow.Source, flow.Destination);
        var (fromIp, toIp) = flow.Reply ? (flow.DestinationIp, flow.Source.Ip) : (flow.Source.Ip, flow.DestinationIp);
        var (fromPort, toPort) = flow.Reply ? (flow.DestinationPort, flow.SourcePort) : (flow.SourcePort, flow.DestinationPort);
        var text = new StringBuilder(1600);
        text.Append("{\"flow\":{\"time\":\"").Append(time).Append("\",\"verdict\":\"").Append(flow.Dropped ? "DROPPED" : "FORWARDED").Append('"');
        if (flow.Dropped)
            text.Append(",\"drop_reason\":133");
        text.Append(",\"ethernet\":{\"source\":\"46:e5:ea:1f:95:ff\",\"destination\":\"d6:ec:b0:4a:ff:46\"},\"IP\":{\"source\":\"").Append(fromIp)
            .Append("\",\"destination\":\"").Append(toIp).Append("\",\"ipVersion\":\"IPv4\"},\"l4\":{");
        if (flow.Protocol == 1)
            text.Append("\"ICMPv4\":{\"type\":8}}");
        else
            text.Append(flow.Protocol == 6 ? "\"TCP\":{" : "\"UDP\":{").Append(CultureInfo.InvariantCulture, $"\"source_port\":{fromPort},\"destination_port\":{toPort}")
                .Append(flow.Protocol == 6 ? (flow.Reply ? ",\"flags\":{\"ACK\":true}}}" : ",\"flags\":{\"SYN\":true}}}") : "}}");
        Endpoint(text.Append(",\"source\":"), from);
        Endpoint(text.Append(",\"destination\":"), to);
        text.Append(",\"Type\":\"").Append(flow.Dns ? "L7" : "L3_L4").Append("\",\"node_name\":\"node-").Append(flow.Source.Identity % 12).Append('"');
        if (flow.Dns)
        {
            text.Append(",\"l7\":{\"type\":\"").Append(flow.Reply ? "RESPONSE" : "REQUEST").Append("\",\"dns\":{\"query\":\"").Append(flow.Source.App)
                .Append(".svc.cluster.local.\",\"observation_source\":\"proxy\",\"qtypes\":[\"A\"]").Append(flow.Reply ? ",\"ips\":[\"10.96.0.1\"],\"rrtypes\":[\"A\"]" : "").Append("}}");
        }
        text.Append(",\"event_type\":{\"type\":").Append(flow.Dns ? 129 : 4).Append("},\"traffic_direction\":\"EGRESS\",\"is_reply\":").Append(flow.Reply ? "true" : "false")
            .Append(",\"Summary\":\"TCP Flags: SYN\"},\"node_name\":\"node-").Append(flow.Source.Identity % 12).Append("\",\"time\":\"").Append(time).Append("\"}\n");
        output.Write(text);
    }

    private static void Endpoint(StringBuilder text, Pod? pod)
    {
        if (pod is null)
        {
            text.Append("{\"identity\":2,\"labels\":[\"reserved:world\"]}");
            return;
        }
        text.Append("{\"ID\":").Append(pod.Identity % 4000).Append(",\"identity\":").Append(pod.Identity).Append(",\"namespace\":\"").Append(pod.Namespace)
            .Append("\",\"labels\":[\"k8s:app=").Append(pod.App).Append("\",\"k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=").Append(pod.Namespace)
            .Append("\",\"k8s:io.cilium.k8s.policy.cluster=default\",\"k8s:io.cilium.k8s.policy.serviceaccount=").Append(pod.App)
            .Append("\",\"k8s:io.kubernetes.pod.namespace=").Append(pod.Namespace).Append("\",\"k8s:version=v1\"],\"pod_name\":\"").Append(pod.Name)
            .Append("\",\"workloads\":[{\"name\":\"").Append(pod.App).Append("\",\"kind\":\"Deployment\"}]}");
    }

    private static void WriteVpc(TextWriter output, Flow flow)
    {
        var start = flow.Time.ToUnixTimeSeconds();
        var ports = flow.Protocol == 1 ? "0 0" : string.Create(CultureInfo.InvariantCulture, $"{flow.SourcePort} {flow.DestinationPort}");
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"2 123456789012 eni-0{flow.Source.Identity:x16} {flow.Source.Ip} {flow.DestinationIp} {ports} {flow.Protocol} {3 + flow.SourcePort % 40} {180 + flow.SourcePort % 9000} {start} {start + 60} {(flow.Dropped ? "REJECT" : "ACCEPT")} OK\n"));
    }

    private static void WriteCsv(TextWriter output, Flow flow)
    {
        var time = flow.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var protocol = flow.Protocol switch { 6 => "TCP", 17 => "UDP", _ => "ICMP" };
        var ports = flow.Protocol == 1 ? "," : string.Create(CultureInfo.InvariantCulture, $"{flow.SourcePort},");
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"{time},{flow.Source.Ip},{ports}{flow.DestinationIp},{(flow.Protocol == 1 ? "" : flow.DestinationPort.ToString(CultureInfo.InvariantCulture))},{protocol},{180 + flow.SourcePort % 9000},{(flow.Dropped ? "DROPPED" : "FORWARDED")}\n"));
    }
}
