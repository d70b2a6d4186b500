using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Traffic;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Formats;

/// <summary>
/// GCP VPC flow logs exported from Cloud Logging: one LogEntry per line with the record in
/// <c>jsonPayload</c> (<c>connection</c> 5-tuple, <c>start_time</c>/<c>end_time</c>, <c>reporter</c>,
/// <c>src_gke_details</c>/<c>dest_gke_details</c>, instance and location annotations). GCP records carry no
/// verdict: requests appear whatever the policy did, replies only when the server answered. Addresses are
/// the backend pods', as the VM's interface sees them; the Service shows in the GKE details.
/// <see cref="FlowFormat.GcpBoth"/> also writes what the server's VM reports of a delivered connection between two nodes
/// (the request as DEST, the reply as SRC, each a few milliseconds apart), and lists the entries by their
/// <c>timestamp</c> (when each was written, after its end), as an export does, not by their start.
/// </summary>
public sealed class GcpWriter(FlowFormat format) : IFlowWriter
{
    private const string Project = "acme-prod";
    private const string Region = "europe-west1";

    public FlowFormat Format => format;

    private bool Both => format == FlowFormat.GcpBoth;

    public string Write(IReadOnlyList<Connection> connections, ClusterSpec cluster)
    {
        var records = new List<(DateTimeOffset Start, DateTimeOffset Stamp, int Order, JsonObject Entry)>();
        void Add(JsonObject entry, DateTimeOffset start, DateTimeOffset end) => records.Add((start, end.AddSeconds(5), records.Count, entry));
        foreach (var c in connections.Where(c => !c.HubbleOnly))
        {
            var duration = TimeSpan.FromMilliseconds(200 + c.SrcPort % 4000);
            var answered = c.HasReplies;
            Add(Entry(c, reply: false, c.Time, c.Time + duration, answered ? c.Bytes / 3 : 60), c.Time, c.Time + duration);
            if (c.WritesReplies)
                Add(Entry(c, reply: true, c.Time.AddMilliseconds(1), c.Time + duration, c.Bytes), c.Time.AddMilliseconds(1), c.Time + duration);
            if (Both && c.Verdict == Verdict.Forwarded && Vm(c.Src) is { } client && Vm(c.Dst) is { } server && client != server)
            {
                // The server's VM: the request arriving (DEST), its answer leaving (SRC), each seen a little later.
                var late = TimeSpan.FromMilliseconds(1 + c.SrcPort % 7);
                Add(Entry(c, reply: false, c.Time + late, c.Time + duration + late, answered ? c.Bytes / 3 : 60, "DEST"), c.Time + late, c.Time + duration + late);
                if (c.WritesReplies)
                    Add(Entry(c, reply: true, c.Time + late, c.Time + duration, c.Bytes, "SRC"), c.Time + late, c.Time + duration);
            }
        }
        var text = new StringBuilder();
        var ordered = Both ? records.OrderBy(r => r.Stamp).ThenBy(r => r.Order) : records.OrderBy(r => r.Start).ThenBy(r => r.Order);
        foreach (var r in ordered)
            text.Append(Line(r.Entry)).Append('\n');
        return text.ToString();
    }

    /// <summary>The VM of a peer in the cluster: its node.</summary>
    private static ClusterNode? Vm(Peer peer) => peer switch
    {
        PodPeer p => p.Pod.Node,
        NodePeer n => n.Node,
        _ => null,
    };

    private static JsonObject Entry(Connection c, bool reply, DateTimeOffset start, DateTimeOffset end, int bytes, string? reporter = null)
    {
        var (src, dst) = reply ? (c.Dst, c.Src) : (c.Src, c.Dst);
        var (srcPort, dstPort) = reply ? (c.DstPort, c.SrcPort) : (c.SrcPort, c.DstPort);
        var payload = Obj(
            ("bytes_sent", bytes.ToString(CultureInfo.InvariantCulture)),
            ("connection", Obj(("dest_ip", dst.Ip), ("dest_port", c.Portless ? null : dstPort), ("protocol", Times.ProtocolNumber(c.Protocol)), ("src_ip", src.Ip),
                ("src_port", c.Portless ? null : srcPort))),
            ("dest_gke_details", Gke(dst, reply ? null : c.Service)),
            ("dest_instance", Instance(dst)),
            ("dest_location", Location(dst)),
            ("end_time", Times.Nanos(end)),
            ("packets_sent", (1 + bytes / 900).ToString(CultureInfo.InvariantCulture)),
            // The VM of the cluster's end reports: the client's, or the server's for a client outside.
            ("reporter", reporter ?? (reply == (c.Src is ExternalPeer) ? "SRC" : "DEST")),
            ("rtt_msec", c.Protocol == "TCP" && c.HasReplies ? "1" : null),
            ("src_gke_details", Gke(src, reply ? c.Service : null)),
            ("src_instance", Instance(src)),
            ("src_location", Location(src)),
            ("start_time", Times.Nanos(start)));
        var stamp = end.AddSeconds(5);
        return Obj(
            ("insertId", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{src.Ip}:{srcPort}>{dst.Ip}:{dstPort}@{start.UtcTicks}{reporter}")))[..14].ToLowerInvariant()),
            ("jsonPayload", payload),
            ("logName", $"projects/{Project}/logs/compute.googleapis.com%2Fvpc_flows"),
            ("receiveTimestamp", Times.Nanos(stamp.AddSeconds(2))),
            ("resource", Obj(("labels", Obj(("location", Region + "-b"), ("project_id", Project), ("subnetwork_id", "4726183950317285413"), ("subnetwork_name", "gke-nodes"))),
                ("type", "gce_subnetwork"))),
            ("timestamp", Times.Nanos(stamp)));
    }

    private static JsonObject? Gke(Peer peer, ClusterService? service)
    {
        if (peer is not PodPeer p)
            return null;
        var pod = p.Pod;
        return Obj(
            ("cluster", Obj(("cluster_location", Region), ("cluster_name", "prod-1"))),
            ("pod", Obj(("pod_name", pod.Name), ("pod_namespace", pod.Namespace),
                ("pod_workload", Obj(("workload_name", pod.Workload.Name), ("workload_type", pod.Workload.Kind.ToUpperInvariant()))))),
            ("service", service is null ? null : Arr(Obj(("service_name", service.Name), ("service_namespace", service.Namespace)))));
    }

    private static JsonObject? Instance(Peer peer)
    {
        var node = peer switch
        {
            PodPeer p => p.Pod.Node,
            NodePeer n => n.Node,
            _ => null,
        };
        return node is null ? null : Obj(("project_id", Project), ("region", Region), ("vm_name", node.Name), ("zone", Region + "-b"));
    }

    private static JsonObject? Location(Peer peer) =>
        peer is ExternalPeer e && Labels.AddressClass.IsPublic(e.Address)
            ? Obj(("asn", 16509), ("continent", "America"), ("country", "usa"), ("region", "Virginia"))
            : null;
}
