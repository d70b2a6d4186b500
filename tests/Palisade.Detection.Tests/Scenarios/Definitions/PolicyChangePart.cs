using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Traffic;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;
using static Palisade.Detection.Tests.Scenarios.Cluster.PolicyCatalog;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// (h) Flows opened by an audited policy change. mallory creates data/allow-dev-debug at T1 (+300 s),
/// admitting dev/toolbox to postgres:5432, and patches it at T2 (+420 s) to admit all of dev to postgres
/// and redis on 5432 and 6379. Before T1 toolbox's attempts are dropped (denied-attempt); after T1 they are
/// forwarded and allowed only by the change (via-policy-change, cause the create, which they stayed allowed
/// by after the patch). scratch to redis is forwarded throughout: before T2 a policy-violation, after T2
/// via-policy-change caused by the patch. A forbidden create (+200 s) and a dry run (+250 s) change
/// nothing: Grafana to redis stays a policy-violation.
/// </summary>
public static class PolicyChangePart
{
    public const string User = "mallory";

    public static IReadOnlyList<AuditWrite> Writes(DateTimeOffset t0)
    {
        var create = PolicyCatalog.Policy("data", "allow-dev-debug", PodSelector(("app", "postgres")), ["Ingress"], ingress: Arr(
            Rule([Peer(("kubernetes.io/metadata.name", "dev"), ("app", "toolbox"))], Port(5432))));
        var patched = PolicyCatalog.Policy("data", "allow-dev-debug",
            Obj(("matchExpressions", Arr(Obj(("key", "app"), ("operator", "In"), ("values", Arr("postgres", "redis-cart")))))), ["Ingress"], ingress: Arr(
                Rule([Obj(("namespaceSelector", Obj(("matchLabels", Map(("kubernetes.io/metadata.name", "dev"))))))], Port(5432), Port(6379))));
        var openAll = PolicyCatalog.Policy("data", "allow-all", PodSelector(), ["Ingress"], ingress: Arr(new JsonObject()));
        var grafana = PolicyCatalog.Policy("data", "allow-grafana-redis", PodSelector(("app", "redis-cart")), ["Ingress"], ingress: Arr(
            Rule([Peer(("team", "platform"), ("app", "grafana"))], Port(6379))));
        return
        [
            new AuditWrite(t0.AddSeconds(200.25), User, "create", "data", "allow-all", openAll, Code: 403),
            new AuditWrite(t0.AddSeconds(250.5), User, "create", "data", "allow-grafana-redis", grafana, Code: 201, DryRun: true),
            new AuditWrite(t0.AddSeconds(300.125), User, "create", "data", "allow-dev-debug", create, Code: 201),
            new AuditWrite(t0.AddSeconds(420.75), User, "patch", "data", "allow-dev-debug", patched),
        ];
    }

    public static void Add(TrafficBuilder b, DateTimeOffset t0, IReadOnlyList<AuditWrite> writes)
    {
        var c = b.Cluster;
        var (create, patch) = (writes.Single(w => w.Verb == "create" && w.Applied), writes.Single(w => w.Verb == "patch"));
        var toolbox = new PodPeer(c.Workload("dev", "toolbox").Pod);
        var scratch = new PodPeer(c.Workload("dev", "scratch").Pod);
        var grafana = new PodPeer(c.Workload("monitoring", "grafana").Pod);
        var postgres = c.Workload("data", "postgres");
        var redis = new PodPeer(c.Workload("data", "redis-cart").Pod);

        foreach (var at in new[] { 60, 150, 240 })
            b.Direct(t0.AddSeconds(at), toolbox, new PodPeer(b.AnyPod(postgres)), 5432, verdict: Verdict.DroppedByPolicy, allowed: false, note: "before the change");
        foreach (var at in new[] { 320, 380, 460, 560 })
            Opened(b, b.Direct(t0.AddSeconds(at), toolbox, new PodPeer(b.AnyPod(postgres)), 5432, allowed: false, note: "opened by the create"), create);
        foreach (var at in new[] { 100, 350 })
            b.Direct(t0.AddSeconds(at), scratch, redis, 6379, allowed: false, note: "enforcement gap before the patch");
        foreach (var at in new[] { 450, 520 })
            Opened(b, b.Direct(t0.AddSeconds(at), scratch, redis, 6379, allowed: false, note: "opened by the patch"), patch);
        foreach (var at in new[] { 270, 500 })
            b.Direct(t0.AddSeconds(at), grafana, redis, 6379, allowed: false, note: "failed and dry-run writes open nothing");
    }

    private static void Opened(TrafficBuilder b, Connection connection, AuditWrite cause) =>
        b.Update(connection, c => c with { AllowedWithAudit = true, Cause = cause });
}
