using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// (a) The compromised dev/toolbox pod sweeps 40 ports of one frontend pod in 24 s (only 8080, open to
/// everyone, is forwarded; the rest are dropped by policy, which is also denied-attempt), then one port
/// (SSH) on 25 hosts outside the cluster in under 40 s. dev/scratch probes 48 ports of Grafana one every
/// 5 s: at most 13 in any minute, below the threshold however the window slides, so no port-scan.
/// </summary>
public static class PortScanPart
{
    public static readonly int[] VerticalPorts =
    [
        21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 389, 443, 445, 465, 587, 993, 995, 1433, 1521,
        2049, 2375, 3000, 3306, 3389, 5000, 5432, 5900, 6379, 8000, 8080, 8081, 8443, 8888, 9000, 9090, 9200, 9464, 11211, 27017,
    ];

    public const string SweepNetwork = "10.200.7.";

    public static void Add(TrafficBuilder b, DateTimeOffset t0)
    {
        var c = b.Cluster;
        var toolbox = new PodPeer(c.Workload("dev", "toolbox").Pod);
        var frontend = c.Workload("shop", "frontend").Pods[1];
        for (var i = 0; i < VerticalPorts.Length; i++)
        {
            var port = VerticalPorts[i];
            var open = port == 8080;
            b.Direct(t0.AddSeconds(100 + i * 0.6), toolbox, new PodPeer(frontend), port,
                verdict: open ? Verdict.Forwarded : Verdict.DroppedByPolicy, allowed: open, note: "vertical scan");
        }
        for (var i = 0; i < 25; i++)
            b.Direct(t0.AddSeconds(200 + i * 1.5), toolbox, new ExternalPeer(SweepNetwork + (10 + i)), 22, responds: false, note: "horizontal scan");

        var scratch = new PodPeer(c.Workload("dev", "scratch").Pod);
        var grafana = new PodPeer(c.Workload("monitoring", "grafana").Pod);
        for (var i = 0; i < 48; i++)
        {
            var port = i == 20 ? 3000 : 1000 + i * 37;
            b.Direct(t0.AddSeconds(300 + i * 5), scratch, grafana, port, responds: port == 3000, note: "slow scan (below threshold)");
        }
    }
}
