using Palisade.Findings;
using Palisade.Model.Rbac;

namespace Palisade.Posture.Rbac;

/// <summary>
/// "Who can": the bindings the access checks look at, and what each grants of a set of permissions, rule
/// by rule, with the finding that names the subjects, the binding, and the role and rule that grant it.
/// </summary>
internal static class BindingAccess
{
    /// <summary>A finding per candidate binding that grants any of the permissions (<see cref="Candidates"/>, <see cref="Find"/>).</summary>
    public static IEnumerable<Finding> Findings(RuleInfo check, RbacGraph graph, IReadOnlyList<Permission> permissions, string remediation)
    {
        foreach (var (binding, subjects) in Candidates(graph))
        {
            var found = Find(graph, binding, permissions);
            if (found.Count > 0)
                yield return ToFinding(check, binding, subjects, found, remediation);
        }
    }

    /// <summary>
    /// Bindings that are not Kubernetes or kubeadm defaults and do not grant cluster-admin (which
    /// <see cref="ClusterAdminBinding"/> reports), with their subjects other than cluster administrators.
    /// </summary>
    public static IEnumerable<(RbacBinding Binding, RbacSubject[] Subjects)> Candidates(RbacGraph graph)
    {
        foreach (var binding in graph.Bindings)
        {
            if (RbacDefaults.IsDefault(binding) || binding.RoleRef is { IsClusterRole: true, Name: RbacDefaults.ClusterAdmin })
                continue;
            var subjects = binding.Subjects.Where(s => !RbacDefaults.IsClusterAdministrator(s)).ToArray();
            if (subjects.Length > 0)
                yield return (binding, subjects);
        }
    }

    /// <summary>
    /// The rules of the binding's role that grant any of the permissions, each with the verbs it grants per
    /// permission. A RoleBinding grants only namespaced resources, in its namespace.
    /// </summary>
    public static List<(RbacGrant Grant, List<(Permission Permission, string[] Verbs)> Granted)> Find(RbacGraph graph, RbacBinding binding, IReadOnlyList<Permission> permissions)
    {
        var found = new List<(RbacGrant, List<(Permission, string[])>)>();
        foreach (var grant in graph.GrantsOf(binding))
        {
            var granted = new List<(Permission, string[])>();
            foreach (var permission in permissions)
            {
                if (permission.ClusterScoped && !binding.IsClusterWide)
                    continue;
                var verbs = permission.Verbs.Where(v => grant.Rule.Allows(v, permission.Group, permission.Resource)).ToArray();
                if (verbs.Length > 0)
                    granted.Add((permission, verbs));
            }
            if (granted.Count > 0)
                found.Add((grant, granted));
        }
        return found;
    }

    /// <summary>
    /// The finding on the binding, pointing at its roleRef: who can do what, where, and which rules of which
    /// role grant it.
    /// </summary>
    public static Finding ToFinding(RuleInfo check, RbacBinding binding, RbacSubject[] subjects, List<(RbacGrant Grant, List<(Permission Permission, string[] Verbs)> Granted)> found, string remediation)
    {
        // By resource: a check may list a resource's verbs in several permissions (bind and escalate on clusterroles).
        var what = string.Join("; ", found.SelectMany(f => f.Granted)
            .GroupBy(g => g.Permission.Display)
            .Select(g => $"{string.Join("/", g.SelectMany(x => x.Permission.Verbs).Distinct().Where(v => g.Any(x => x.Verbs.Contains(v))))} {g.Key}"));
        var how = found.Count == 1
            ? found[0].Grant.Describe()
            : string.Join("; ", found.Select(f => $"{f.Grant.Describe()} for {string.Join(", ", f.Granted.Select(g => g.Permission.Display).Distinct())}"));
        var limited = found.Any(f => f.Grant.Rule.ResourceNames.Count > 0) ? " (some only on the objects the rule names)" : "";
        return new Finding(check, PostureContext.Ref(binding),
            $"{Subjects(subjects)} can {what} {Scope(binding)}{limited} through {binding}, granted by {how}",
            remediation)
        {
            Field = "roleRef",
        };
    }

    /// <summary>The subjects in one line.</summary>
    public static string Subjects(IEnumerable<RbacSubject> subjects) => string.Join(", ", subjects);

    /// <summary>Where a binding grants.</summary>
    public static string Scope(RbacBinding binding) =>
        binding.IsClusterWide ? "in every namespace and cluster-wide" : $"in namespace {binding.Namespace}";
}
