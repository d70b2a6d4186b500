using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Definitions;
using Palisade.Detection.Tests.Scenarios.Formats;
using Palisade.Detection.Tests.Scenarios.Traffic;
using Palisade.Detection.Tests.Scoring;

namespace Palisade.Detection.Tests.Tests;

/// <summary>
/// The written flow files, read back: records in time order, and every record either a request of a
/// generated connection or a reply the contract's rule recognises as one (Hubble: <c>is_reply</c>; IP-only
/// formats: from a port the source pod or Service listens on to an ephemeral port), never the other way, except
/// the replies a scenario writes on purpose where that rule is silent (<see cref="Connection.RepliesAlwaysWritten"/>).
/// </summary>
public sealed class FlowFileTests
{
    public static TheoryData<string, string> Runs() => DetectionSession.Runs();

    public static TheoryData<string, string> IpOnlyRuns() => [.. DetectionSession.Runs().Where(r => r.Data.Item2 != FlowFormat.Hubble.Id).Select(r => r.Data)];

    public static TheoryData<string> HubbleScenarios() => [.. ScenarioCatalog.Names];

    [Theory]
    [MemberData(nameof(Runs))]
    public void Records_are_in_time_order(string scenario, string format)
    {
        var f = FlowFormat.ById(format);
        // A real VPC log, a Cloud Logging export, are not in time order: those formats are written so on purpose.
        if (f == FlowFormat.VpcEni || f == FlowFormat.GcpBoth)
            return;
        foreach (var path in Files(scenario, f))
        {
            var records = WrittenRecord.Read(f, File.ReadAllText(path));
            Assert.NotEmpty(records);
            for (var i = 1; i < records.Count; i++)
                Assert.True(records[i - 1].Time <= records[i].Time, $"{path}: record {i + 1} goes back in time");
        }
    }

    [Theory]
    [MemberData(nameof(IpOnlyRuns))]
    public void Ip_records_are_requests_or_replies_by_the_contracts_rule(string scenario, string format)
    {
        var f = FlowFormat.ById(format);
        var s = ScenarioCatalog.Get(scenario);
        var records = WrittenRecord.Read(f, File.ReadAllText(Files(scenario, f)[0]));
        var traffic = Scenario.In(s.Traffic, f).ToList();
        // Replies written where the port rule is silent are known by their connection; none may also be a request.
        var unrecognisable = traffic.Where(c => c.WritesReplies && !c.ReplyRecognisableByPort).Select(c => Reverse(Request(c, f))).ToHashSet();
        Assert.Empty(unrecognisable.Intersect(traffic.Select(c => Request(c, f))));
        bool IsReply(WrittenRecord r) => IsReplyByRule(r, s.Cluster) || unrecognisable.Contains(r.Tuple);
        var requests = records.Where(r => !IsReply(r)).ToList();
        var replies = records.Where(IsReply).ToList();

        // A real VPC log has a connection between two nodes at both interfaces, GCP at both VMs: the same tuples, twice.
        var both = f == FlowFormat.VpcEni || f == FlowFormat.GcpBoth;
        Assert.Equal(Sorted(traffic.Select(c => Request(c, f)), both), Sorted(requests.Select(r => r.Tuple), both));
        Assert.Equal(Sorted(traffic.Where(c => c.WritesReplies).Select(c => Reverse(Request(c, f))), both), Sorted(replies.Select(r => r.Tuple), both));
        if (f.HasVerdict)
        {
            var dropped = f.Family == "vpc" ? "REJECT" : "DROPPED";
            Assert.Equal(traffic.Count(c => c.Verdict == Verdict.DroppedByPolicy), requests.Count(r => r.Verdict == dropped));
            Assert.DoesNotContain(replies, r => r.Verdict == dropped);
        }
        if (f == FlowFormat.VpcV5)
        {
            // Logged at the client's interface, or the server's when the client is outside the cluster.
            string Leaving(string client, string towards) => s.Cluster.Owns(client) ? towards : towards == "egress" ? "ingress" : "egress";
            Assert.All(requests, r => Assert.StartsWith(Leaving(r.Src, "egress") + " " + (r.Protocol == "TCP" ? "2 " : "0 ") + r.Src + " " + r.Dst, r.Extra, StringComparison.Ordinal));
            Assert.All(replies, r => Assert.StartsWith(Leaving(r.Dst, "ingress") + " " + (r.Protocol == "TCP" ? "18 " : "0 ") + r.Src + " " + r.Dst, r.Extra, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(HubbleScenarios))]
    public void Hubble_events_mark_replies_and_policy_drops(string scenario)
    {
        var s = ScenarioCatalog.Get(scenario);
        var events = WrittenRecord.Read(FlowFormat.Hubble, File.ReadAllText(Files(scenario, FlowFormat.Hubble)[0]));
        // Pings have no ports: repeated ones between two peers share their tuple, and look alike.
        var connections = s.Traffic.GroupBy(c => (c.Src.Ip, c.SrcPort, c.Dst.Ip, c.DstPort, c.Protocol)).ToDictionary(g => g.Key, g => g.First());
        foreach (var e in events)
        {
            // A socket's translation trace (no source port, no is_reply) shows where a client sent a Service connection.
            if (e.Extra == "SOCK")
            {
                Assert.True(e.SrcPort == 0 && e.HubbleReply is null && s.Traffic.Any(c => c.Service is not null && c.Src.Ip == e.Src), $"a socket trace for no Service connection: {e}");
                continue;
            }
            // The L7 proxy's own connection to the server of an HTTP connection it carries.
            if (e.Extra == "PROXY")
            {
                Assert.True(e.HubbleReply != true && s.Traffic.Any(c => c.L7 is HttpRequest && c.Dst.Ip == e.Dst && c.DstPort == e.DstPort), $"a proxy leg for no HTTP connection: {e}");
                continue;
            }
            var key = e.HubbleReply == true ? (e.Dst, e.DstPort, e.Src, e.SrcPort, e.Protocol) : e.Tuple;
            Assert.True(connections.TryGetValue(key, out var c), $"no connection for {e}");
            if (e.HubbleReply == true)
                Assert.True(c.HasReplies && e.Verdict == "FORWARDED", $"a reply for {c.Note}");
            else if (e.Verdict == "DROPPED")
                Assert.Equal(c.Verdict == Verdict.DroppedByPolicy ? "POLICY_DENIED" : "INVALID_PACKET_DROPPED", e.Extra);
            else
                Assert.Equal(Verdict.Forwarded, c.Verdict);
        }
        Assert.Equal(connections.Count, events.Where(e => e.HubbleReply == false && e.Extra != "PROXY").Select(e => e.Tuple).Distinct().Count());
    }

    /// <summary>The contract's rule for IP-only formats, with "ephemeral" read as both 32768+ and 49152+.</summary>
    private static bool IsReplyByRule(WrittenRecord r, ClusterSpec cluster)
    {
        var listens = cluster.Pods.Any(p => p.Ip == r.Src && p.Workload.Listens(r.SrcPort, r.Protocol))
            || cluster.Services.Any(s => s.ClusterIp == r.Src && s.Backend is not null && s.Ports.Any(p => p.Port == r.SrcPort && p.Protocol == r.Protocol));
        Assert.Equal(listens && r.DstPort >= 32768, listens && r.DstPort >= 49152);
        return listens && r.DstPort >= 32768;
    }

    private static (string, int, string, int, string) Request(Connection c, FlowFormat f) =>
        (f == FlowFormat.VpcV2 || f == FlowFormat.Csv) && c.Service is { } service
            ? (c.Src.Ip, c.SrcPort, service.ClusterIp, c.ServicePort!.Value, c.Protocol)
            : (c.Src.Ip, c.SrcPort, c.Dst.Ip, c.DstPort, c.Protocol);

    private static (string, int, string, int, string) Reverse((string Src, int SrcPort, string Dst, int DstPort, string Protocol) t) =>
        (t.Dst, t.DstPort, t.Src, t.SrcPort, t.Protocol);

    private static List<(string, int, string, int, string)> Sorted(IEnumerable<(string, int, string, int, string)> tuples, bool distinct = false) =>
        [.. (distinct ? tuples.Distinct() : tuples).Order()];

    private static string[] Files(string scenario, FlowFormat format)
    {
        var file = DetectionSession.Shared.File(scenario);
        var run = file.Runs.Single(r => r.Format == format.Id);
        return [.. run.Flows.Concat(run.Baseline ?? []).Select(p => Path.Combine(DetectionSession.Shared.Directory(scenario), p))];
    }
}
