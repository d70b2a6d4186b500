using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// (d) Egress. Public: a documentation address (203.0.113.50 counts as public), 172.32.10.5 (just outside
/// 172.16/12), 100.128.1.1 (just outside 100.64/10), a public resolver. Not public: addresses in 10/8,
/// 192.168/16, 172.16/12 and 100.64/10 outside the cluster. All allowed and forwarded, so only
/// internet-egress speaks.
/// </summary>
public static class EgressPart
{
    public static readonly string[] Private = ["10.200.1.5", "192.168.10.20", "172.20.1.9", "100.64.3.3"];

    public static void Add(TrafficBuilder b, DateTimeOffset t0)
    {
        var c = b.Cluster;
        var toolbox = new PodPeer(c.Workload("dev", "toolbox").Pod);
        b.Direct(t0.AddSeconds(30), new PodPeer(c.Workload("batch", "report-worker").Pod), new ExternalPeer("203.0.113.50"), 443, note: "documentation range is public");
        b.Direct(t0.AddSeconds(140), toolbox, new ExternalPeer("172.32.10.5"), 443, note: "outside 172.16/12");
        b.Direct(t0.AddSeconds(145), toolbox, new ExternalPeer("100.128.1.1"), 80, note: "outside 100.64/10");
        b.Direct(t0.AddSeconds(200), new PodPeer(c.Workload("dev", "scratch").Pod), new ExternalPeer("1.1.1.1"), 53, "UDP", new DnsQuery("api.github.com."), note: "public resolver");
        int[] ports = [5432, 443, 8080, 443];
        for (var i = 0; i < Private.Length; i++)
            b.Direct(t0.AddSeconds(300 + i * 10), toolbox, new ExternalPeer(Private[i]), ports[i], note: "private address outside the cluster");
    }
}
