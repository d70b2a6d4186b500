using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// (e) Instance metadata and the control plane. toolbox reads 169.254.169.254:80; scratch reaches the
/// kubernetes Service (no pods: named by its cluster IP, port 443); toolbox reaches the API server's
/// endpoint (6443) and etcd (2379) on the control-plane node and a kubelet (10250) on a worker. SSH to a
/// node is none of these. Nodes talking to the API server are in the background and raise nothing.
/// </summary>
public static class ControlPlanePart
{
    public static void Add(TrafficBuilder b, DateTimeOffset t0)
    {
        var c = b.Cluster;
        var toolbox = new PodPeer(c.Workload("dev", "toolbox").Pod);
        b.Direct(t0.AddSeconds(400), toolbox, new ExternalPeer("169.254.169.254"), 80,
            l7: new HttpRequest("GET", "http://169.254.169.254/latest/meta-data/iam/security-credentials/", [("Host", "169.254.169.254"), ("User-Agent", "curl/8.5.0")]),
            note: "instance metadata");
        b.Direct(t0.AddSeconds(410), new PodPeer(c.Workload("dev", "scratch").Pod), new PodlessServicePeer(c.KubernetesService), 443, note: "API server through its Service");
        foreach (var (offset, node, port) in NodeEdges(c))
            b.Direct(t0.AddSeconds(offset), toolbox, new NodePeer(node), port, note: "node port");
    }

    /// <summary>toolbox's connections to nodes; the mixed scenario's baseline day holds them too (see <see cref="MixedScenario"/>).</summary>
    public static IEnumerable<(int Offset, ClusterNode Node, int Port)> NodeEdges(ClusterSpec c)
    {
        yield return (420, c.ControlPlane, ClusterSpec.ApiServerPort);
        yield return (425, c.ControlPlane, 2379);
        yield return (430, c.Node("worker-2"), 10250);
        yield return (435, c.Node("worker-1"), 22);
    }
}
