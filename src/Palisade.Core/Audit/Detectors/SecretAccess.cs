using Palisade.Audit.Detection;
using Palisade.Audit.Timeline;
using Palisade.Findings;

namespace Palisade.Audit.Detectors;

/// <summary>
/// <c>secret-access</c>: reading Secrets across all namespaces or in kube-system (get, list, watch) by anyone
/// but the control plane (<c>system:kube-controller-manager</c>, <c>system:kube-scheduler</c>, kube-system's
/// service accounts). Only the core group's <c>secrets</c> are Secrets.
/// </summary>
public sealed class SecretAccess : IAuditRule
{
    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL907", "secret-access", "Secrets read cluster-wide or in kube-system", Severity.Medium, "audit",
            "kube-system's secrets and a cluster-wide list of secrets hold the credentials of the control plane and of every workload."),
        ["T1552.007"]);

    /// <inheritdoc />
    public void Observe(ReplayedRequest request, AuditCheckContext context)
    {
        var e = request.Event;
        // A custom resource named secrets in another API group (a secrets operator's) is no Kubernetes Secret.
        if (e.ObjectRef is not { Resource: "secrets", Subresource: null } o || ResourceKinds.IsForeign(o) || e.Verb is not ("get" or "list" or "watch"))
            return;
        if (o.Namespace is not (null or "kube-system") || e.MadeAndPerformedBy(IsControlPlane))
            return;
        context.Raise(this, request, $"{e.Actor} {Verbs.Past(e.Verb)} {request.ObjectText}");
    }

    private static bool IsControlPlane(string user) =>
        user is "system:kube-controller-manager" or "system:kube-scheduler"
        || user.StartsWith("system:serviceaccount:kube-system:", StringComparison.Ordinal);
}
