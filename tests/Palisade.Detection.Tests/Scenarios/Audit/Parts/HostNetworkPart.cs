using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Cluster;
using static Palisade.Detection.Tests.Scenarios.Audit.Parts.Actors;
using static Palisade.Detection.Tests.Scenarios.Audit.State.Objects;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Parts;

/// <summary>
/// host-network-pod. A Pod created with hostNetwork by a person; a Deployment whose template gains it by
/// strategic merge patch without response, another by JSON Patch, a DaemonSet by update, a StatefulSet by a
/// GitOps service account. The controllers then create the new ReplicaSet (logged at Metadata level: no
/// body to judge) and pods with hostNetwork and a controller ownerReference: not reported again. Nothing for
/// a pod without hostNetwork, a later patch of a template that already had it, a forbidden and a dry-run create.
/// </summary>
public static class HostNetworkPart
{
    public static void Add(AuditLogBuilder b, ClusterSpec c, double t0)
    {
        double t = t0;
        DateTimeOffset Next() => b.At(t += 20);
        var podSpec = Obj(("hostNetwork", true), ("dnsPolicy", "ClusterFirstWithHostNet"));
        var hostNetwork = Obj(("spec", Obj(("template", Obj(("spec", podSpec))))));

        b.Create(Next(), Mallory, Pod("dev", "netdebug", Map(("app", "netdebug")), hostNetwork: true, node: "worker-1"), note: "hostNetwork pod");
        b.Create(Next(), Alice, Pod("dev", "alpine-debug", Map(("app", "alpine-debug"))), note: "ordinary pod");
        b.Patch(Next(), Mallory, ApiResource.Deployments, "dev", "scratch", PatchKind.Strategic, Copy(hostNetwork), logResponse: false, note: "template gains hostNetwork");
        var rs = "scratch-7d9c6b5f4x";
        b.Create(Next(), DeploymentController, ReplicaSet(c, "dev", "scratch", rs), level: "Metadata", note: "the new ReplicaSet, no body");
        b.Create(Next(), ReplicaSetController, Pod("dev", rs + "-q8w2n", Map(("app", "scratch"), ("pod-template-hash", "7d9c6b5f4x")), hostNetwork: true, node: "worker-3",
            owners: Owner("ReplicaSet", rs, "3f1d7a52-0c1e-4b8a-9d7e-5a2b1c0d9e8f")), generateName: true, note: "created by the controller: not reported again");
        b.Patch(Next(), Bob, ApiResource.Deployments, "dev", "scratch", PatchKind.Merge, Obj(("spec", Obj(("replicas", 2)))), note: "already had it");
        b.Patch(Next(), Mallory, ApiResource.Deployments, "shop", "loadgenerator", PatchKind.Json,
            Arr(Obj(("op", "add"), ("path", "/spec/template/spec/hostNetwork"), ("value", true))), note: "template gains hostNetwork by JSON Patch");
        var shipper = b.Current.Get("DaemonSet", "kube-system", "log-shipper")!;
        ((JsonObject)shipper["spec"]!["template"]!["spec"]!)["hostNetwork"] = true;
        b.Update(Next(), Mallory, shipper, level: "Request", note: "DaemonSet template gains hostNetwork by update");
        b.Create(Next(), DaemonSetController, Pod("kube-system", "log-shipper-k2m9d", Map(("app", "log-shipper")), hostNetwork: true, node: "worker-2",
            owners: Owner("DaemonSet", "log-shipper", "6b2e9c41-8d3f-4a7e-b1c5-0f9e8d7c6b5a")), generateName: true, note: "created by the controller: not reported again");
        b.Patch(Next(), ArgoCd, ApiResource.StatefulSets, "data", "postgres", PatchKind.Merge, Copy(hostNetwork), note: "a service account: still reported");
        b.Create(Next(), Mallory, Pod("payments", "sniffer", Map(("app", "sniffer")), hostNetwork: true), code: 403, note: "forbidden");
        b.Create(Next(), Mallory, Pod("shop", "sniffer", Map(("app", "sniffer")), hostNetwork: true), dryRun: true, note: "dry run");
    }

    private static JsonObject ReplicaSet(ClusterSpec c, string ns, string deployment, string name)
    {
        var w = c.Workload(ns, deployment);
        var labels = Map(w.Labels);
        labels["pod-template-hash"] = name[(deployment.Length + 1)..];
        return Obj(("apiVersion", "apps/v1"), ("kind", "ReplicaSet"),
            ("metadata", Obj(("name", name), ("namespace", ns), ("labels", Copy(labels)), ("ownerReferences", Owner("Deployment", deployment, "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")))),
            ("spec", Spec(labels, deployment)));
    }

    private static JsonObject Spec(JsonObject labels, string container)
    {
        var podSpec = Obj(("hostNetwork", true), ("containers", Arr(Obj(("name", container), ("image", "registry.example.com/dev/scratch:1.4.2")))));
        var template = Obj(("metadata", Obj(("labels", Copy(labels)))), ("spec", podSpec));
        return Obj(("replicas", 1), ("selector", Obj(("matchLabels", Copy(labels)))), ("template", template));
    }
}
