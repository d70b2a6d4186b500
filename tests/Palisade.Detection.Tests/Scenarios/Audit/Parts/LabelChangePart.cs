using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Cluster;
using static Palisade.Detection.Tests.Scenarios.Audit.Parts.Actors;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Parts;

/// <summary>
/// label-change-opened. payments admits namespaces labelled trust=high to payment-gateway:8080 and data admits
/// pods labelled db-access=granted to postgres:5432. Relabels that satisfy them open connections and alert,
/// whoever makes them (a developer, a trusted GitOps controller, a platform service account): a Namespace by
/// strategic merge patch and by merge patch, Pods (single-replica workloads, so the workload's pods agree) by
/// merge patch and by JSON Patch without response. Relabels that open nothing raise nothing: an unrelated
/// label, a trust label on a namespace whose egress is locked down (update), a relabel that only closes, a
/// forbidden one and a dry run.
/// </summary>
public static class LabelChangePart
{
    public static void Add(AuditLogBuilder b, ClusterSpec c, double t0)
    {
        double t = t0;
        DateTimeOffset Next() => b.At(t += 20);
        var toolbox = c.Workload("dev", "toolbox").Pod.Name;
        var scratch = c.Workload("dev", "scratch").Pod.Name;
        var trust = Obj(("metadata", Obj(("labels", Obj(("trust", "high"))))));

        b.Patch(Next(), Alice, ApiResource.Namespaces, null, "monitoring", PatchKind.Strategic, Copy(trust), note: "monitoring trusted: it reaches payment-gateway");
        b.Patch(Next(), Alice, ApiResource.Namespaces, null, "monitoring", PatchKind.Merge, Obj(("metadata", Obj(("labels", Obj(("owner", "sre")))))), note: "unrelated label");
        b.Patch(Next(), Alice, ApiResource.Namespaces, null, "dev", PatchKind.Strategic, Copy(trust), note: "dev trusted, but the AdminNetworkPolicy denies dev: opens nothing");
        b.Patch(Next(), ArgoCd, ApiResource.Pods, "dev", toolbox, PatchKind.Merge, Obj(("metadata", Obj(("labels", Obj(("db-access", "granted")))))),
            note: "trusted user relabels a pod: still an alert");
        var batch = b.Current.Get("Namespace", null, "batch")!;
        batch["metadata"]!["labels"]!["trust"] = "high";
        b.Update(Next(), Alice, batch, note: "batch trusted, but its egress is locked down: opens nothing");
        b.Patch(Next(), Mallory, ApiResource.Pods, "dev", scratch, PatchKind.Json,
            Arr(Obj(("op", "add"), ("path", "/metadata/labels/db-access"), ("value", "granted"))), logResponse: false, level: "Request", note: "JSON Patch, no response");
        b.Patch(Next(), Alice, ApiResource.Namespaces, null, "monitoring", PatchKind.Merge, Obj(("metadata", Obj(("labels", Obj(("trust", null)))))),
            note: "removing the label only closes");
        b.Patch(Next(), NamespaceLabeller, ApiResource.Namespaces, null, "shop", PatchKind.Merge, Copy(trust), logResponse: false, note: "a service account relabels");
        b.Patch(Next(), Mallory, ApiResource.Namespaces, null, "kube-system", PatchKind.Merge, Copy(trust), code: 403, note: "forbidden");
        b.Patch(Next(), Mallory, ApiResource.Namespaces, null, "default", PatchKind.Merge, Copy(trust), dryRun: true, note: "dry run");
        b.Patch(Next(), Alice, ApiResource.Pods, "dev", toolbox, PatchKind.Merge, Obj(("metadata", Obj(("labels", Obj(("version", "v2")))))), note: "unrelated pod label");
    }
}
