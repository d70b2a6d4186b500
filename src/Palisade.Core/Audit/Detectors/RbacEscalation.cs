using System.Text.Json.Nodes;
using Palisade.Audit.Detection;
using Palisade.Audit.Timeline;
using Palisade.Findings;

namespace Palisade.Audit.Detectors;

/// <summary>
/// <c>rbac-escalation</c>: a (Cluster)RoleBinding created or changed to bind <c>cluster-admin</c> or <c>admin</c>
/// (to a subject it did not bind before);
/// a (Cluster)Role whose rules, as written, grant write verbs on a network policy kind, or <c>escalate</c>,
/// <c>bind</c>, <c>impersonate</c>, or <c>*</c> in verbs, resources or apiGroups. The control plane's own
/// identities (<c>system:</c> users other than service accounts) are exempt.
/// </summary>
public sealed class RbacEscalation : IAuditRule
{
    private static readonly HashSet<string> WriteVerbs = ["create", "update", "patch", "delete", "deletecollection", "*"];
    private static readonly HashSet<string> PolicyResources = ["networkpolicies", "adminnetworkpolicies", "baselineadminnetworkpolicies", "clusternetworkpolicies", "*"];
    private static readonly HashSet<string> PowerVerbs = ["escalate", "bind", "impersonate"];

    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL905", "rbac-escalation", "RBAC change that grants escalation", Severity.High, "audit",
            "Binding cluster-admin, or granting wildcards, escalate, bind, impersonate or the right to rewrite network policies, hands over the controls that keep the network closed."),
        ["T1098", "T1078"]);

    /// <inheritdoc />
    public void Observe(ReplayedRequest request, AuditCheckContext context)
    {
        if (request.Event.MadeAndPerformedBy(Bodies.IsControlPlane) || request.Event.ObjectRef?.Subresource is not null
            || request.Write?.Key.Kind is not ("Role" or "ClusterRole" or "RoleBinding" or "ClusterRoleBinding")
            || !Bodies.Judged(request.Write, out var before, out var after, out var beforeKnown))
            return;
        // With its past unknown, an object whose rules, role or subjects the request did not touch was not changed to escalate.
        var e = request.Event;
        var reason = request.Write!.Key.Kind switch
        {
            "RoleBinding" or "ClusterRoleBinding" when beforeKnown || PatchScope.Touches(e, "subjects") || PatchScope.Touches(e, "roleRef") => BindingReason(before, after, request.Write.Key.Namespace),
            "Role" or "ClusterRole" when beforeKnown || PatchScope.Touches(e, "rules") => RoleReason(before, after),
            _ => null,
        };
        if (reason is not null)
            context.Raise(this, request, $"{request.Event.Actor} {Verbs.Past(request.Event.Verb)} {request.ObjectText}: {reason}");
    }

    private static string? BindingReason(JsonNode? before, JsonNode after, string? ns)
    {
        var role = Bodies.Text(after, "roleRef", "name");
        if (Bodies.Text(after, "roleRef", "kind") != "ClusterRole" || role is not ("cluster-admin" or "admin"))
            return null;
        var subjects = Subjects(after, ns);
        // roleRef cannot change: an existing binding comes to bind the role to someone by gaining a subject (of one whose past
        // is unknown, one the earlier requests are not known to have given it).
        if (before is not null && (Bodies.At(before, "roleRef") is null || JsonNode.DeepEquals(Bodies.At(before, "roleRef"), Bodies.At(after, "roleRef"))))
        {
            subjects = [.. subjects.Except(Subjects(before, ns))];
            if (subjects.Count == 0)
                return null;
        }
        return $"binds {role} to {(subjects.Count > 0 ? string.Join(", ", subjects) : "no subject")}";
    }

    /// <summary>
    /// The binding's subjects; a service account is named with its namespace, as two of one name in two namespaces are two
    /// accounts, and a RoleBinding's service account without one is in the binding's namespace, as the authorizer reads it.
    /// </summary>
    private static IReadOnlyList<string> Subjects(JsonNode? binding, string? bindingNamespace) =>
        Bodies.At(binding, "subjects") is JsonArray list ? [.. list.Select(s => Subject(s, bindingNamespace))] : [];

    private static string Subject(JsonNode? subject, string? bindingNamespace)
    {
        var (kind, name) = (Bodies.Text(subject, "kind"), Bodies.Text(subject, "name"));
        var ns = kind == "ServiceAccount" ? Bodies.Text(subject, "namespace") is { Length: > 0 } given ? given : bindingNamespace : null;
        return ns is null ? $"{kind} {name}" : $"{kind} {ns}/{name}";
    }

    /// <summary>
    /// What the role's rules grant that the contract lists, counting only rules it did not have before: a role that already
    /// granted it and gains harmless rules (the aggregation controller folding a CRD's rules into <c>edit</c>) escalates nothing.
    /// </summary>
    private static string? RoleReason(JsonNode? before, JsonNode after)
    {
        var earlier = Bodies.At(before, "rules") as JsonArray;
        var grants = new SortedSet<string>(StringComparer.Ordinal);
        if (Bodies.At(after, "rules") is JsonArray rules)
        {
            foreach (var rule in rules)
            {
                if (earlier is null || !earlier.Any(r => JsonNode.DeepEquals(r, rule)))
                    Dangerous(rule, grants);
            }
        }
        return grants.Count == 0 ? null : $"grants {string.Join("; ", grants)}";
    }

    private static void Dangerous(JsonNode? rule, SortedSet<string> grants)
    {
        var verbs = Bodies.Strings(rule, "verbs");
        var resources = Bodies.Strings(rule, "resources");
        var groups = Bodies.Strings(rule, "apiGroups");
        if (verbs.Contains("*"))
            grants.Add("every verb (*)");
        if (resources.Contains("*"))
            grants.Add("every resource (*)");
        if (groups.Contains("*"))
            grants.Add("every API group (*)");
        foreach (var verb in verbs.Where(PowerVerbs.Contains))
            grants.Add(verb);
        var policyResources = resources.Where(r => PolicyResources.Contains(r) && r != "*").ToArray();
        if (verbs.Any(WriteVerbs.Contains) && policyResources.Length > 0)
            grants.Add($"write access to {string.Join(", ", policyResources)}");
    }
}
