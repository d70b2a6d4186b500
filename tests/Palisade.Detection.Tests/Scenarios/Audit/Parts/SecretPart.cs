using Palisade.Detection.Tests.Scenarios.Audit.Log;
using static Palisade.Detection.Tests.Scenarios.Audit.Parts.Actors;
using static Palisade.Detection.Tests.Scenarios.Audit.State.Objects;

namespace Palisade.Detection.Tests.Scenarios.Audit.Parts;

/// <summary>
/// secret-access: get, list and watch of secrets in kube-system or in all namespaces by people and by a
/// service account outside kube-system. Nothing for the control plane (system:kube-controller-manager,
/// system:kube-scheduler, kube-system's service accounts), secrets in other namespaces, writes, a node
/// reading its pods' secrets, and failed reads.
/// </summary>
public static class SecretPart
{
    public static void Add(AuditLogBuilder b, double t0)
    {
        double t = t0;
        DateTimeOffset Next() => b.At(t += 15);

        b.Read(Next(), Alice, "get", ApiResource.Secrets, "kube-system", "bootstrap-token-abcdef", note: "kube-system get");
        b.Read(Next(), Mallory, "list", ApiResource.Secrets, null, null, note: "all namespaces list");
        b.Read(Next(), Actors.Prometheus, "watch", ApiResource.Secrets, null, null, note: "a service account watches every secret");
        b.Read(Next(), Alice, "list", ApiResource.Secrets, "kube-system", null, note: "kube-system list");
        b.Read(Next(), Bob, "watch", ApiResource.Secrets, "kube-system", "cloud-provider-credentials", query: "fieldSelector=metadata.name%3Dcloud-provider-credentials&watch=true", note: "kube-system watch of one");

        b.Read(Next(), AuditUser.ControllerManager, "get", ApiResource.Secrets, "kube-system", "bootstrap-token-abcdef", note: "control plane");
        b.Read(Next(), AuditUser.Scheduler, "list", ApiResource.Secrets, "kube-system", null, note: "control plane");
        b.Read(Next(), GarbageCollector, "list", ApiResource.Secrets, null, null, note: "kube-system service account");
        b.Read(Next(), Alice, "get", ApiResource.Secrets, "shop", "db-password", note: "another namespace");
        b.Read(Next(), AuditUser.Node("worker-1"), "get", ApiResource.Secrets, "shop", "db-password", note: "kubelet, another namespace");
        b.Create(Next(), Alice, Secret("kube-system", "alice-token"), note: "a write is not a read");
        b.Delete(Next(), Alice, ApiResource.Secrets, "kube-system", "alice-token", note: "a write is not a read");
        b.Read(Next(), Mallory, "get", ApiResource.Secrets, "kube-system", "cloud-provider-credentials", code: 403, note: "forbidden");
        b.Read(Next(), Alice, "get", ApiResource.Secrets, "kube-system", "no-such-secret", code: 404, note: "not found");
    }
}
