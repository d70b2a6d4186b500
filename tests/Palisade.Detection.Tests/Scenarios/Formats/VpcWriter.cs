using System.Globalization;
using System.Text;
using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Formats;

/// <summary>
/// AWS VPC flow logs as delivered to S3: a header line naming the fields, then one space-separated record
/// per direction of a connection. Version 2 is the default 14-field format and addresses Services by their
/// cluster IP and port; version 5 is a custom field order (so readers must follow the header) with
/// <c>tcp-flags</c> (2 on a request, 18 on a reply), <c>pkt-srcaddr</c>/<c>pkt-dstaddr</c> and
/// <c>flow-direction</c>, and shows the backend pod, as the interface sees it after kube-proxy's DNAT.
/// Records are logged at the client's interface: the request leaving (egress), the reply arriving (ingress); a
/// client outside the cluster (a load balancer's health checker) is logged at the server node's interface, where
/// its request arrives (ingress) and the reply leaves (egress).
/// <see cref="FlowFormat.VpcEni"/> is v5 as a real log holds it (AWS, "Flow log records", "Flow log limitations"): a
/// delivered connection between two nodes is logged at both interfaces (the server's: request ingress, reply egress);
/// <c>tcp-flags</c> is OR-ed over the capture window (3 SYN|FIN, 19 SYN-ACK|FIN on an answered connection); a packet to
/// a pod's secondary address shows the node's primary address in <c>dstaddr</c> (the pod in <c>pkt-dstaddr</c>); and
/// each 5-minute delivery lists its records by interface, in no time order (ICMP answers after their request: IP-only
/// formats give no ICMP type, so only the order tells them).
/// </summary>
public sealed class VpcWriter(FlowFormat format) : IFlowWriter
{
    private const string Account = "123456789012";

    public const string V2Header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

    public const string V5Header = "version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status flow-direction traffic-path";

    public FlowFormat Format => format;

    private bool V5 => format != FlowFormat.VpcV2;

    private bool Real => format == FlowFormat.VpcEni;

    public string Write(IReadOnlyList<Connection> connections, ClusterSpec cluster)
    {
        var records = new List<(long Start, int Order, string Line, string Interface, bool Answer)>();
        void Add(ClusterNode node, string line, long start, bool answer) => records.Add((start, records.Count, line, node.InterfaceId, answer));
        foreach (var c in connections.Where(c => !c.HubbleOnly))
        {
            var start = Times.Unix(c.Time);
            var end = start + 1 + c.SrcPort % 4;
            var (dstIp, dstPort) = !V5 && c.Service is { } s ? (s.ClusterIp, c.ServicePort!.Value) : (c.Dst.Ip, c.DstPort);
            var node = LoggingNode(c);
            var (ask, answer) = c.Src is ExternalPeer ? ("ingress", "egress") : ("egress", "ingress");
            var action = c.Verdict == Verdict.Forwarded ? "ACCEPT" : "REJECT";
            var packets = c.HasReplies ? 6 + c.Bytes % 9 : 1 + (c.Protocol == "TCP" ? 1 : 0);
            var (askFlags, answerFlags) = Real && c.HasReplies ? (3, 19) : (2, 18);
            var requestBytes = c.HasReplies ? c.Bytes / 3 : 60 * packets;
            Add(node, Record(node, c, c.Src.Ip, dstIp, c.SrcPort, dstPort, packets, requestBytes, start, end, action, askFlags, ask, Path(c), Arriving(node, dstIp, ask)), start, false);
            if (c.WritesReplies)
                Add(node, Record(node, c, dstIp, c.Src.Ip, dstPort, c.SrcPort, packets, c.Bytes, start, end, "ACCEPT", answerFlags, answer, "-", Arriving(node, c.Src.Ip, answer)), start, c.Portless);
            if (Real && c.Verdict == Verdict.Forwarded && ServerNode(c) is { } server && server != node)
            {
                // The server's interface sees the same packets: the request arriving, the reply leaving.
                Add(server, Record(server, c, c.Src.Ip, dstIp, c.SrcPort, dstPort, packets, requestBytes, start, end, action, askFlags, "ingress", "-", Arriving(server, dstIp, "ingress")), start, false);
                if (c.WritesReplies)
                    Add(server, Record(server, c, dstIp, c.Src.Ip, dstPort, c.SrcPort, packets, c.Bytes, start, end, "ACCEPT", answerFlags, "egress", Path(c), null), start, c.Portless);
            }
        }
        var text = new StringBuilder();
        text.Append(V5 ? V5Header : V2Header).Append('\n');
        var ordered = Real
            ? records.OrderBy(r => r.Start / Delivery).ThenBy(r => r.Interface, StringComparer.Ordinal).ThenBy(r => r.Answer).ThenBy(r => Shuffle(r.Line))
            : records.OrderBy(r => r.Start).ThenBy(r => r.Order);
        foreach (var r in ordered)
            text.Append(r.Line).Append('\n');
        return text.ToString();
    }

    /// <summary>Seconds of one delivery to S3: its records are listed by interface, in no time order.</summary>
    private const long Delivery = 300;

    /// <summary>A deterministic order that has nothing to do with time.</summary>
    private static string Shuffle(string line) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(line)));

    /// <summary>
    /// What a real log writes in dstaddr for a packet arriving at the node's interface for a pod's secondary address: the
    /// interface's primary address (the node's), the pod in pkt-dstaddr. Null when dstaddr is the packet's.
    /// </summary>
    private string? Arriving(ClusterNode node, string destination, string direction) =>
        Real && direction == "ingress" && destination != node.Ip && destination.Contains('.') && !destination.Contains(':') && IsPodOn(node, destination) ? node.Ip : null;

    private static bool IsPodOn(ClusterNode node, string address) =>
        System.Net.IPNetwork.Parse(node.PodCidr).Contains(System.Net.IPAddress.Parse(address));

    /// <summary>The server's node, when the server is in the cluster.</summary>
    private static ClusterNode? ServerNode(Connection c) => c.Dst switch
    {
        PodPeer p => p.Pod.Node,
        NodePeer n => n.Node,
        _ => null,
    };

    private string Record(ClusterNode node, Connection c, string src, string dst, int srcPort, int dstPort, int packets, int bytes, long start, long end,
        string action, int synFlags, string direction, string path, string? interfaceDst = null)
    {
        var protocol = Times.ProtocolNumber(c.Protocol).ToString(CultureInfo.InvariantCulture);
        var flags = c.Protocol == "TCP" ? synFlags : 0;
        string[] fields = V5
            ? ["5", "vpc-0a1b2c3d4e5f67890", "subnet-0123456789abcdef0", "i-" + node.InterfaceId[4..], node.InterfaceId, Account, "IPv4",
               src, interfaceDst ?? dst, N(srcPort), N(dstPort), src, dst, protocol, N(bytes), N(packets), N(start), N(end), action, N(flags), "OK", direction, path]
            : ["2", Account, node.InterfaceId, src, dst, N(srcPort), N(dstPort), protocol, N(packets), N(bytes), N(start), N(end), action, "OK"];
        return string.Join(' ', fields);
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The interface the records are logged at: the client's node, else the server's.</summary>
    private static ClusterNode LoggingNode(Connection c) => c.Src switch
    {
        PodPeer p => p.Pod.Node,
        NodePeer n => n.Node,
        ExternalPeer when c.Dst is NodePeer n => n.Node,
        ExternalPeer when c.Dst is PodPeer p => p.Pod.Node,
        _ => throw new InvalidOperationException("the generator writes connections opened by pods and nodes, or from outside to a node or a pod"),
    };

    /// <summary>traffic-path: 1 within the VPC, 8 through the internet gateway.</summary>
    private static string Path(Connection c) => c.Dst is ExternalPeer e && Labels.AddressClass.IsPublic(e.Address) ? "8" : "1";
}
