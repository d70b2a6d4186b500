using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Traffic;
using static Palisade.Detection.Tests.Scenarios.Audit.Parts.Actors;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;
using static Palisade.Detection.Tests.Scenarios.Cluster.PolicyCatalog;

namespace Palisade.Detection.Tests.Scenarios.Audit.Parts;

/// <summary>
/// The policy timeline over an hour (seconds from the start): mallory creates data/allow-dev-debug (300:
/// toolbox to postgres), patches payments/fraud-check to admit namespaces labelled zone=lab (720: opens
/// nothing yet), bob labels monitoring zone=lab (1200: monitoring to fraud-check), mallory widens
/// allow-dev-debug to redis by JSON Patch without response (1680), argocd puts fraud-check back (2100:
/// closes), alice labels the scratch pod access=db (2520: scratch to postgres and redis), mallory deletes
/// allow-dev-debug (3000: closes). A forbidden patch (900) and a dry run (1500) change nothing. The flows
/// (<see cref="Flows"/>) cross those changes.
/// </summary>
public static class TimelinePart
{
    public static readonly double[] CheckTimes = [150, 500, 900, 1400, 1800, 2300, 2700, 3300];

    public static void Add(AuditLogBuilder b, ClusterSpec c)
    {
        var debug = PolicyCatalog.Policy("data", "allow-dev-debug", PodSelector(("app", "postgres")), ["Ingress"], ingress: Arr(
            Rule([Peer(("kubernetes.io/metadata.name", "dev"), ("app", "toolbox")), Peer(("kubernetes.io/metadata.name", "dev"), ("access", "db"))], Port(5432))));
        b.Create(b.At(300), Mallory, debug, note: "opens toolbox to postgres");
        var fraudCheck = b.Current.Get("NetworkPolicy", "payments", "fraud-check")!;
        b.Patch(b.At(720), Mallory, ApiResource.NetworkPolicies, "payments", "fraud-check", PatchKind.Merge,
            Obj(("spec", Obj(("ingress", Arr(Rule([Obj(("podSelector", PodSelector(("app", "payment-gateway")))), Obj(("namespaceSelector", Obj(("matchLabels", Map(("zone", "lab"))))))], Port(8080))))))),
            note: "admits zone=lab namespaces: none yet");
        b.Patch(b.At(900), Mallory, ApiResource.NetworkPolicies, "data", "allow-dev-debug", PatchKind.Merge, Obj(("spec", Obj(("ingress", Arr(new System.Text.Json.Nodes.JsonObject()))))),
            code: 403, note: "forbidden");
        b.Patch(b.At(1200), Bob, ApiResource.Namespaces, null, "monitoring", PatchKind.Strategic, Obj(("metadata", Obj(("labels", Obj(("zone", "lab")))))),
            note: "monitoring now admitted to fraud-check");
        b.Create(b.At(1500), Mallory, PolicyCatalog.Policy("payments", "allow-all", PodSelector(), ["Ingress"], ingress: Arr(new System.Text.Json.Nodes.JsonObject())),
            dryRun: true, note: "dry run");
        var widened = Obj(("matchExpressions", Arr(Obj(("key", "app"), ("operator", "In"), ("values", Arr("postgres", "redis-cart"))))));
        b.Patch(b.At(1680), Mallory, ApiResource.NetworkPolicies, "data", "allow-dev-debug", PatchKind.Json,
            Arr(Obj(("op", "replace"), ("path", "/spec/podSelector"), ("value", widened))), logResponse: false, note: "redis-cart too");
        b.Update(b.At(2100), ArgoCd, fraudCheck, note: "GitOps puts fraud-check back");
        b.Patch(b.At(2520), Alice, ApiResource.Pods, "dev", c.Workload("dev", "scratch").Pod.Name, PatchKind.Strategic,
            Obj(("metadata", Obj(("labels", Obj(("access", "db")))))), note: "scratch admitted to the databases");
        b.Delete(b.At(3000), Mallory, ApiResource.NetworkPolicies, "data", "allow-dev-debug", note: "closes the databases again");
    }

    /// <summary>
    /// The flows: each forwarded when the state in force allows it and dropped by policy when it denies it
    /// (a consistent enforcement point, so no flow is a policy-violation), plus flows the cluster always allowed.
    /// </summary>
    public static IReadOnlyList<Connection> Flows(ClusterSpec c, DateTimeOffset start, Func<DateTimeOffset, PodPeer, PodPeer, int, bool> allowedAt)
    {
        var b = new TrafficBuilder(c, 309);
        var toolbox = new PodPeer(c.Workload("dev", "toolbox").Pod);
        var scratch = new PodPeer(c.Workload("dev", "scratch").Pod);
        var grafana = new PodPeer(c.Workload("monitoring", "grafana").Pod);
        var prometheus = new PodPeer(c.Workload("monitoring", "prometheus").Pod);
        var postgres = new PodPeer(c.Workload("data", "postgres").Pods[0]);
        var redis = new PodPeer(c.Workload("data", "redis-cart").Pod);
        var fraud = new PodPeer(c.Workload("payments", "fraud-check").Pod);
        var frontend = new PodPeer(c.Workload("shop", "frontend").Pods[0]);
        var cart = new PodPeer(c.Workload("shop", "cartservice").Pods[0]);
        (double At, PodPeer Src, PodPeer Dst, int Port)[] plan =
        [
            (120, toolbox, postgres, 5432), (400, toolbox, postgres, 5432), (2000, toolbox, postgres, 5432), (3200, toolbox, postgres, 5432),
            (1000, grafana, fraud, 8080), (1300, grafana, fraud, 8080), (1350, prometheus, fraud, 8080), (2200, grafana, fraud, 8080),
            (1900, toolbox, redis, 5432), (2600, scratch, postgres, 5432), (2650, scratch, redis, 5432), (3100, scratch, redis, 5432),
            (200, frontend, cart, 7070), (1700, frontend, cart, 7070), (2900, prometheus, postgres, 9187),
        ];
        foreach (var (at, src, dst, port) in plan)
        {
            var time = start.AddSeconds(at);
            var allowed = allowedAt(time, src, dst, port);
            b.Direct(time, src, dst, port, verdict: allowed ? Verdict.Forwarded : Verdict.DroppedByPolicy, allowed: allowedAt(DateTimeOffset.MinValue, src, dst, port),
                note: allowed ? "forwarded: allowed in force" : "dropped: denied in force");
        }
        return b.Connections;
    }
}
