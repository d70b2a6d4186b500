using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// (i) Benign traffic the other scenarios leave out, written with every reply a real log carries, so that a
/// reply read as a request shows. Pings (ICMP, no ports; the echo reply comes back into an ingress-isolated
/// namespace) from payment-gateway to the payment provider (internet-egress by the contract) and to fraud-check
/// (whose policy admits TCP 8080 only: a policy-violation by the contract, the reply not); a cloud load balancer's
/// health checkers probing kube-proxy's health port on every node and, container-native, frontend's pods; redis-cart
/// (one replica) checking itself through its own Service, which its policy (cartservice only) does not admit but no
/// policy can block (the Semantics: a pod's traffic to itself).
/// </summary>
public static class BenignPart
{
    public static readonly string[] HealthCheckers = ["35.191.0.10", "130.211.0.20"];
    public const int KubeProxyHealthPort = 10256;

    public static void Add(TrafficBuilder b, DateTimeOffset t0, int seconds = 600)
    {
        var c = b.Cluster;
        var end = t0.AddSeconds(seconds);
        var gateway = c.Workload("payments", "payment-gateway");
        var fraud = new PodPeer(c.Workload("payments", "fraud-check").Pod);
        for (var t = b.Jitter(t0, 30); t < end; t = t.AddSeconds(30))
            b.Ping(t, new PodPeer(b.AnyPod(gateway)), new ExternalPeer(BackgroundTraffic.PaymentProvider), note: "provider reachability ping");
        for (var t = b.Jitter(t0, 60); t < end; t = t.AddSeconds(60))
            b.Ping(t, new PodPeer(b.AnyPod(gateway)), fraud, allowed: false, note: "ping the policy does not admit (ICMP is not TCP 8080)");
        var redis = c.Workload("data", "redis-cart").Pod;
        for (var t = b.Jitter(t0, 30); t < end; t = t.AddSeconds(30))
            b.ViaService(t, new PodPeer(redis), c.Service("data", "redis-cart"), 6379, note: "redis-cart checks itself through its Service");
        foreach (var checker in HealthCheckers)
        {
            for (var t = b.Jitter(t0, 20); t < end; t = t.AddSeconds(20))
            {
                foreach (var node in c.Nodes)
                    b.Direct(b.Jitter(t, 2), new ExternalPeer(checker), new NodePeer(node), KubeProxyHealthPort, note: "load balancer health check of kube-proxy");
                foreach (var pod in c.Workload("shop", "frontend").Pods)
                    b.Direct(b.Jitter(t, 2), new ExternalPeer(checker), new PodPeer(pod), 8080, note: "container-native load balancer health check");
            }
        }
    }
}
