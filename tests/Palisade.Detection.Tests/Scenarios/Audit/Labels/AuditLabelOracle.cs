using System.Text.Json.Nodes;
using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Audit.State;
using Palisade.Detection.Tests.Scenarios.Audit.Wrappers;
using static Palisade.Detection.Tests.Scenarios.Audit.Labels.AuditRules;

namespace Palisade.Detection.Tests.Scenarios.Audit.Labels;

/// <summary>
/// The alerts the contract (../shared/PRODUCT.md, "Detection", the <c>audit -o json</c> part) requires for a
/// scenario's requests, derived from what the generator knows about each request (who, what, the object
/// before and after it) rather than from the files. One method per rule, in the contract's words; failed
/// requests (status ≥ 400) and dry runs raise nothing; a request raises at most once per rule whatever its
/// stages. <c>opened</c> is computed by <see cref="ConnectivityOracle"/> on the states before and after.
/// </summary>
public static class AuditLabelOracle
{
    private static readonly IReadOnlySet<string> PolicyResources = new HashSet<string> { "networkpolicies", "adminnetworkpolicies", "baselineadminnetworkpolicies" };
    private static readonly IReadOnlySet<string> PolicyKindsForRbac = new HashSet<string> { "networkpolicies", "adminnetworkpolicies", "baselineadminnetworkpolicies", "clusternetworkpolicies" };
    private static readonly IReadOnlySet<string> WorkloadResources = new HashSet<string> { "deployments", "daemonsets", "statefulsets", "replicasets" };
    private static readonly string[] ConnectSubresources = ["exec", "attach", "portforward"];

    public static IReadOnlyList<AuditLabel> For(IReadOnlyList<AuditRequest> requests, IReadOnlyList<ClusterState> states, IReadOnlySet<string> trustedUsers, ConnectivityOracle connectivity)
    {
        var labels = new List<AuditLabel>();
        foreach (var r in requests.OrderBy(r => r.Time))
        {
            if (r.Failed || r.DryRun || r.Resource is null || !r.Replayed && r.IsWrite)
                continue;
            foreach (var (rule, why, opened) in Rules(r, states, trustedUsers, connectivity))
            {
                labels.Add(new AuditLabel(rule, r.User.Username, r.Verb, r.ObjectName, AuditEventJson.Timestamp(r.Time))
                {
                    Opened = opened, Why = why + (r.Note.Length == 0 ? "" : " (" + r.Note + ")"),
                });
            }
        }
        return labels;
    }

    private static IEnumerable<(string Rule, string Why, IReadOnlyList<string>? Opened)> Rules(AuditRequest r, IReadOnlyList<ClusterState> states, IReadOnlySet<string> trusted, ConnectivityOracle connectivity)
    {
        var resource = r.Resource!.Resource;
        IReadOnlyList<string> Opened() => connectivity.Opened(states[r.StateBefore], states[r.StateAfter]);

        // network-policy-tampering: writes to NetworkPolicy and the cluster-scoped tiers by users outside --trusted-users.
        if (r.IsWrite && r.Subresource is null && PolicyResources.Contains(resource) && !trusted.Contains(r.User.Username))
            yield return (NetworkPolicyTampering, "a write to a policy by an untrusted user", r.Level == "Metadata" ? null : Opened());

        // label-change-opened: a Namespace or Pod whose labels changed, when the change opened connections (any user).
        // A patch answered 201 (server-side apply) created its object: a new object, not a relabel.
        if (r.WritesObject && r.Verb is "update" or "patch" && r.Before is not null && resource is "namespaces" or "pods" && !SameLabels(r.Before, r.After))
        {
            var opened = Opened();
            if (opened.Count > 0)
                yield return (LabelChangeOpened, "a relabel that opened connections", opened);
        }

        // exec: any verb on exec, attach, portforward.
        if (resource == "pods" && ConnectSubresources.Contains(r.Subresource))
            yield return (Exec, $"pods/{r.Subresource} ({r.Verb})", null);

        if (r.WritesObject && resource == "services" && ExposureChanged(r))
            yield return (ExposureChange, "a Service made NodePort/LoadBalancer or given a new external IP", null);
        if (r.WritesObject && resource == "ingresses" && IngressChanged(r))
            yield return (ExposureChange, "an Ingress created or its rules/TLS changed", null);

        if (r.WritesObject && resource is "rolebindings" or "clusterrolebindings" or "roles" or "clusterroles" && Escalates(r))
            yield return (RbacEscalation, "an RBAC object granting escalation", null);

        // anonymous-access: an allowed resource request by system:anonymous or a member of system:unauthenticated.
        if (r.User.IsAnonymous)
            yield return (AnonymousAccess, "an allowed anonymous resource request", null);

        // secret-access: get/list/watch of secrets in all namespaces or kube-system, by anyone but the control plane.
        if (resource == "secrets" && r.Subresource is null && r.Verb is "get" or "list" or "watch" && r.Namespace is null or "kube-system" && !r.User.IsSecretReadingControlPlane)
            yield return (SecretAccess, "secrets read in all namespaces or kube-system", null);

        if (HostNetworkGained(r))
            yield return (HostNetworkPod, "a pod or pod template with hostNetwork", null);
    }

    private static bool SameLabels(JsonObject? before, JsonObject? after) =>
        JsonNode.DeepEquals(before?["metadata"]?["labels"], after?["metadata"]?["labels"]);

    private static bool IsExposedType(JsonObject? service) =>
        service?["spec"]?["type"]?.GetValue<string>() is "NodePort" or "LoadBalancer";

    private static IReadOnlySet<string> ExternalIps(JsonObject? service) =>
        (service?["spec"]?["externalIPs"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet() ?? [];

    /// <summary>exposure-change for Services: created as or changed to NodePort or LoadBalancer, or externalIPs gaining an address.</summary>
    private static bool ExposureChanged(AuditRequest r) => r.Verb switch
    {
        "create" => IsExposedType(r.After),
        "update" or "patch" => (IsExposedType(r.After) && !IsExposedType(r.Before)) || !ExternalIps(r.After).IsSubsetOf(ExternalIps(r.Before)),
        _ => false,
    };

    /// <summary>exposure-change for Ingresses: created, or its rules or TLS changed.</summary>
    private static bool IngressChanged(AuditRequest r) => r.Verb switch
    {
        "create" => true,
        "update" or "patch" => !JsonNode.DeepEquals(r.Before?["spec"]?["rules"], r.After?["spec"]?["rules"]) || !JsonNode.DeepEquals(r.Before?["spec"]?["tls"], r.After?["spec"]?["tls"]),
        _ => false,
    };

    /// <summary>
    /// rbac-escalation: a binding created to cluster-admin or admin; a role granting write verbs on a policy
    /// kind, escalate, bind, impersonate, or * in verbs, resources or apiGroups; control-plane identities
    /// (system: users other than service accounts) exempt.
    /// </summary>
    private static bool Escalates(AuditRequest r)
    {
        if (r.User.IsSystemNonServiceAccount)
            return false;
        if (r.Resource!.Resource is "rolebindings" or "clusterrolebindings")
            return r.Verb == "create" && r.After?["roleRef"]?["kind"]?.GetValue<string>() == "ClusterRole"
                && r.After["roleRef"]?["name"]?.GetValue<string>() is "cluster-admin" or "admin";
        if (r.Verb is not ("create" or "update" or "patch") || !Grants(r.After))
            return false;
        if (r.Verb != "create" && Grants(r.Before))
            throw new InvalidOperationException($"{r}: a role that already granted escalation; the contract does not say whether a change keeping it alerts, so scenarios avoid it");
        return true;
    }

    public static bool Grants(JsonObject? role)
    {
        foreach (var rule in (role?["rules"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var verbs = Strings(rule["verbs"]);
            var resources = Strings(rule["resources"]);
            var groups = Strings(rule["apiGroups"]);
            if (verbs.Contains("*") || resources.Contains("*") || groups.Contains("*"))
                return true;
            if (verbs.Overlaps(["escalate", "bind", "impersonate"]))
                return true;
            if (resources.Overlaps(PolicyKindsForRbac) && verbs.Overlaps(AuditRequest.WriteVerbs))
                return true;
        }
        return false;
    }

    private static HashSet<string> Strings(JsonNode? node) => (node as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet() ?? [];

    /// <summary>
    /// host-network-pod: a Pod created with hostNetwork (not by a controller; a patch answered 201 Created created it),
    /// or a workload whose pod template gains it.
    /// </summary>
    private static bool HostNetworkGained(AuditRequest r)
    {
        if (!r.WritesObject)
            return false;
        if (r.Resource!.Resource == "pods")
            return (r.Verb == "create" || r.Verb == "patch" && r.Code == 201) && HostNetwork(r.After?["spec"]) && !CreatedByController(r.After);
        if (!WorkloadResources.Contains(r.Resource.Resource) || r.Verb is not ("update" or "patch"))
            return false;
        return HostNetwork(r.After?["spec"]?["template"]?["spec"]) && !HostNetwork(r.Before?["spec"]?["template"]?["spec"]);
    }

    public static bool HostNetwork(JsonNode? podSpec) => podSpec?["hostNetwork"]?.GetValue<bool>() == true;

    public static bool CreatedByController(JsonObject? pod) =>
        (pod?["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>().Any(o => o["controller"]?.GetValue<bool>() == true) == true;
}
