using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// (c) Enforcement gaps. Forwarded although denied (policy-violation): frontend to paymentservice (only
/// checkout may), the batch job to postgres (its egress is locked to DNS and the internet), scratch to
/// emailservice through the Service's named targetPort (reported at 8080, not 5000). Dropped by policy
/// (denied-attempt): toolbox to redis, the load generator to cartservice, the batch job to a private
/// address outside the cluster. In GCP, which has no verdict, every one of them is a denied-attempt.
/// A Hubble drop for another reason on an allowed flow raises nothing.
/// </summary>
public static class EnforcementPart
{
    public static void Add(TrafficBuilder b, DateTimeOffset t0)
    {
        var c = b.Cluster;
        var frontend = c.Workload("shop", "frontend");
        var worker = new PodPeer(c.Workload("batch", "report-worker").Pod);
        foreach (var at in new[] { 40, 45, 300 })
            b.ViaService(t0.AddSeconds(at), new PodPeer(b.AnyPod(frontend)), c.Service("shop", "paymentservice"), 50051, allowed: false, note: "enforcement gap");
        b.ViaService(t0.AddSeconds(130), worker, c.Service("data", "postgres"), 5432, allowed: false, note: "enforcement gap (egress)");
        b.ViaService(t0.AddSeconds(160), new PodPeer(c.Workload("dev", "scratch").Pod), c.Service("shop", "emailservice"), 5000, allowed: false, note: "enforcement gap (named targetPort)");

        var redis = new PodPeer(c.Workload("data", "redis-cart").Pod);
        b.Direct(t0.AddSeconds(70), new PodPeer(c.Workload("dev", "toolbox").Pod), redis, 6379, verdict: Verdict.DroppedByPolicy, allowed: false, note: "dropped by policy");
        b.ViaService(t0.AddSeconds(220), new PodPeer(c.Workload("shop", "loadgenerator").Pod), c.Service("shop", "cartservice"), 7070,
            verdict: Verdict.DroppedByPolicy, allowed: false, note: "dropped by policy");
        b.Direct(t0.AddSeconds(250), worker, new ExternalPeer("10.200.3.3"), 443, verdict: Verdict.DroppedByPolicy, allowed: false, note: "dropped by egress policy");

        var other = b.Direct(t0.AddSeconds(270), new PodPeer(b.AnyPod(frontend)), new PodPeer(c.Workload("shop", "productcatalogservice").Pods[0]), 3550,
            verdict: Verdict.DroppedOther, note: "dropped, not by policy");
        b.Update(other, o => o with { HubbleOnly = true });
    }
}
