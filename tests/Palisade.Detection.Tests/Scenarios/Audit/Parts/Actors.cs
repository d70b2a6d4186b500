using Palisade.Detection.Tests.Scenarios.Audit.Log;

namespace Palisade.Detection.Tests.Scenarios.Audit.Parts;

/// <summary>Who acts in the scenarios: people, automation, controllers, nodes and the anonymous user.</summary>
public static class Actors
{
    public static readonly AuditUser Mallory = AuditUser.Human("mallory", "developers");
    public static readonly AuditUser Alice = AuditUser.Human("alice", "developers");
    public static readonly AuditUser Bob = AuditUser.Human("bob", "sre");
    public static readonly AuditUser PlatformAdmin = AuditUser.Human("platform-admin", "platform", "system:masters");
    public static readonly AuditUser ArgoCd = AuditUser.ServiceAccount("argocd", "argocd-application-controller");
    public static readonly AuditUser CiRunner = AuditUser.ServiceAccount("ci", "runner");
    public static readonly AuditUser NamespaceLabeller = AuditUser.ServiceAccount("platform", "namespace-labeller");
    public static readonly AuditUser Prometheus = AuditUser.ServiceAccount("monitoring", "prometheus");
    public static readonly AuditUser ReplicaSetController = AuditUser.ServiceAccount("kube-system", "replicaset-controller");
    public static readonly AuditUser DeploymentController = AuditUser.ServiceAccount("kube-system", "deployment-controller");
    public static readonly AuditUser DaemonSetController = AuditUser.ServiceAccount("kube-system", "daemon-set-controller");
    public static readonly AuditUser GarbageCollector = AuditUser.ServiceAccount("kube-system", "generic-garbage-collector");
    public static readonly AuditUser EndpointSliceController = AuditUser.ServiceAccount("kube-system", "endpointslice-controller");
    public static readonly AuditUser NamespaceController = AuditUser.ServiceAccount("kube-system", "namespace-controller");

    /// <summary>The users a run passes as --trusted-users: the GitOps controller and the platform team's admin.</summary>
    public static readonly IReadOnlyList<string> Trusted = [PlatformAdmin.Username, ArgoCd.Username];
}
