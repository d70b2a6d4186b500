using System.Globalization;
using System.Text;
using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Formats;

/// <summary>
/// The contract's CSV: <c>time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict</c>, one line per
/// direction. Services are addressed by cluster IP and port (the reply comes back from them); every fifth
/// record spells the protocol as its IANA number, which the contract also accepts.
/// </summary>
public sealed class CsvWriter : IFlowWriter
{
    public const string Header = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict";

    public FlowFormat Format => FlowFormat.Csv;

    public string Write(IReadOnlyList<Connection> connections, ClusterSpec cluster)
    {
        var records = new List<(DateTimeOffset Time, int Order, string[] Fields)>();
        foreach (var c in connections.Where(c => !c.HubbleOnly))
        {
            var (dstIp, dstPort) = c.Service is { } s ? (s.ClusterIp, c.ServicePort!.Value) : (c.Dst.Ip, c.DstPort);
            var verdict = c.Verdict == Verdict.Forwarded ? "FORWARDED" : "DROPPED";
            records.Add((c.Time, records.Count, [Times.Millis(c.Time), c.Src.Ip, N(c.SrcPort), dstIp, N(dstPort), c.Protocol, N(c.HasReplies ? c.Bytes / 3 : 60), verdict]));
            if (c.WritesReplies)
            {
                var t = c.Time.AddMilliseconds(2);
                records.Add((t, records.Count, [Times.Millis(t), dstIp, N(dstPort), c.Src.Ip, N(c.SrcPort), c.Protocol, N(c.Bytes), "FORWARDED"]));
            }
        }
        var text = new StringBuilder(Header).Append('\n');
        var index = 0;
        foreach (var r in records.OrderBy(r => r.Time).ThenBy(r => r.Order))
        {
            if (++index % 5 == 0)
                r.Fields[5] = Times.ProtocolNumber(r.Fields[5]).ToString(CultureInfo.InvariantCulture);
            text.AppendJoin(',', r.Fields).Append('\n');
        }
        return text.ToString();
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
