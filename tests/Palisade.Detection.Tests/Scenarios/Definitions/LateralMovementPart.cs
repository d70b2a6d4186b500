using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// (b) Lateral movement against a baseline. Day 1 knows toolbox to 52.94.1.10:443 and saw scratch to
/// adservice only dropped. Day 2: another address in the known /24 (not new), an address in a new /24
/// (new, named by the first address seen; the second address in it is the same edge), a known address on
/// a new port (new), a new in-cluster edge through a Service (new), a dropped edge (never new), the edge
/// day 1 saw only dropped now forwarded (new, and an enforcement gap), and a public resolver over UDP.
/// </summary>
public static class LateralMovementPart
{
    public static void AddDayOne(TrafficBuilder b, DateTimeOffset t0)
    {
        var c = b.Cluster;
        var toolbox = new PodPeer(c.Workload("dev", "toolbox").Pod);
        var scratch = new PodPeer(c.Workload("dev", "scratch").Pod);
        b.Direct(t0.AddSeconds(50), toolbox, new ExternalPeer("52.94.1.10"), 443, note: "known external edge");
        b.Direct(t0.AddSeconds(310), toolbox, new ExternalPeer("52.94.1.10"), 443, note: "known external edge");
        b.ViaService(t0.AddSeconds(80), scratch, c.Service("shop", "adservice"), 9555, verdict: Verdict.DroppedByPolicy, allowed: false, note: "dropped on day 1");
    }

    public static void AddDayTwo(TrafficBuilder b, DateTimeOffset t0)
    {
        var c = b.Cluster;
        var toolbox = new PodPeer(c.Workload("dev", "toolbox").Pod);
        var scratch = new PodPeer(c.Workload("dev", "scratch").Pod);
        b.Direct(t0.AddSeconds(60), toolbox, new ExternalPeer("52.94.1.77"), 443, note: "known /24");
        b.Direct(t0.AddSeconds(90), toolbox, new ExternalPeer("52.94.2.5"), 443, note: "new /24");
        b.Direct(t0.AddSeconds(95), toolbox, new ExternalPeer("52.94.2.9"), 443, note: "new /24, second address");
        b.Direct(t0.AddSeconds(120), toolbox, new ExternalPeer("52.94.1.10"), 8443, note: "known address, new port");
        b.ViaService(t0.AddSeconds(150), toolbox, c.Service("monitoring", "prometheus"), 9090, note: "new in-cluster edge");
        b.Direct(t0.AddSeconds(180), toolbox, new PodPeer(c.Workload("data", "redis-cart").Pod), 6379, verdict: Verdict.DroppedByPolicy, allowed: false, note: "dropped, never new");
        b.ViaService(t0.AddSeconds(210), scratch, c.Service("shop", "adservice"), 9555, allowed: false, note: "seen only dropped on day 1, forwarded now");
        b.Direct(t0.AddSeconds(240), toolbox, new ExternalPeer("8.8.8.8"), 53, "UDP", new DnsQuery("updates.example.org."), note: "public resolver");
    }
}
