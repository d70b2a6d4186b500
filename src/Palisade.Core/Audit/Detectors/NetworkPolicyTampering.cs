using Palisade.Audit.Detection;
using Palisade.Audit.Timeline;
using Palisade.Findings;

namespace Palisade.Audit.Detectors;

/// <summary>
/// <c>network-policy-tampering</c>: a write to a NetworkPolicy or a cluster-scoped policy tier
/// (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy) by a user outside the trusted
/// users, with the connections the change opened; the same resources of another engine's API group (Calico,
/// Antrea) without them.
/// </summary>
public sealed class NetworkPolicyTampering : IAuditRule
{
    private static readonly HashSet<string> PolicyKinds = ["NetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy"];
    private static readonly HashSet<string> WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];

    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL901", "network-policy-tampering", "Network policy changed by an untrusted user", Severity.High, "audit",
            "Network policies are the cluster's firewall; a change by someone outside the team that owns them can open paths an intruder needs."),
        ["T1562.007"]);

    /// <summary>Whether the kind is one of the network policy kinds.</summary>
    public static bool IsPolicyKind(string kind) => PolicyKinds.Contains(kind);

    /// <inheritdoc />
    public void Observe(ReplayedRequest request, AuditCheckContext context)
    {
        var e = request.Event;
        if (e.ObjectRef is not { } o || o.Subresource is not null || !WriteVerbs.Contains(e.Verb) || context.TrustedUsers.Trusts(e.User))
            return;
        if (!IsPolicyKind(ResourceKinds.KindOf(o.Resource)))
            return;
        // Another engine's policy (Calico's, Antrea's) is tampering all the same, but not evaluated here.
        if (ResourceKinds.IsForeign(o))
        {
            context.Raise(this, request, $"{e.Actor} {Verbs.Past(e.Verb)} {request.ObjectText} of {o.ApiGroup}; what it opened is not judged (not a Kubernetes policy)");
            return;
        }
        // A generateName create logged without its response: the replay cannot keep what it cannot name. A create that names
        // no object and has no body (Metadata level) wrote nothing the replay could follow: what it opened is unknown, not nothing.
        var unfollowed = request.Key is null && request.Unnamed is null && e.Verb == "create";
        var change = request.Unnamed is null && !unfollowed ? context.ChangeOf(request) : null;
        // Unknown either way, but the reader should know whether the log lacks the body or the replay the object's past.
        var why = request.Unnamed is not null ? "the name the server gave it was not recorded"
            : unfollowed || request.Writes.Any(w => !w.AfterKnown) && e.RequestObject is null && e.ResponseObject is null ? "the request was recorded without its body"
            : request.Write is { BeforeKnown: true, Before: not null, AfterKnown: false } ? "the patch does not apply to the policy as replayed"
            : request.Writes.Any(w => !w.BeforeKnown || !w.AfterKnown) ? "its state before the request is unknown"
            : "a policy in force was recorded without its body";
        var what = change is null
            ? $"what it opened is unknown ({why})"
            : (change.Opened.Count == 0 ? "it opened no connection" : $"it opened {change.Opened.Count} connection{(change.Opened.Count == 1 ? "" : "s")}")
              + change.UnknownClause;
        context.Raise(this, request, $"{e.Actor} {Verbs.Past(e.Verb)} {request.ObjectText}; {what}", change?.Opened);
    }
}
