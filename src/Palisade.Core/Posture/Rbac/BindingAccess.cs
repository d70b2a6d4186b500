using Palisade.Findings;
using Palisade.Model.Rbac;

namespace Palisade.Posture.Rbac;

/// <summary>
/// "Who can": the bindings the access checks look at, and what each grants of a set of permissions, rule
/// by rule, with the finding that names the subjects, the binding, and the role and rule that grant it.
/// </summary>
internal static class BindingAccess
{
    /// <summary>The built-in roles every cluster grants its users, narrowest first: a role aggregated into several is reported with the first.</summary>
    private static readonly string[] UserFacing = ["view", "edit", "admin"];

    /// <summary>
    /// A finding per candidate binding that grants any of the permissions (<see cref="Candidates"/>, <see cref="Find"/>),
    /// and per declared ClusterRole aggregated into the built-in view, edit or admin that grants any (<see cref="Aggregated"/>).
    /// </summary>
    public static IEnumerable<Finding> Findings(RuleInfo check, RbacGraph graph, IReadOnlyList<Permission> permissions, string remediation)
    {
        foreach (var (binding, subjects) in Candidates(graph))
        {
            var found = Find(graph, binding, permissions);
            if (found.Count > 0)
                yield return ToFinding(check, binding, subjects, found, remediation);
        }
        foreach (var finding in Aggregated(check, graph, permissions, remediation))
            yield return finding;
    }

    /// <summary>
    /// Declared ClusterRoles that the built-in view, edit or admin aggregate and that grant any of the permissions, on
    /// the role itself: clusters bind those roles widely, through bindings the input may not hold, so the role is the
    /// cause whoever is bound. Namespaced permissions only, as those roles are meant for RoleBindings.
    /// </summary>
    private static IEnumerable<Finding> Aggregated(RuleInfo check, RbacGraph graph, IReadOnlyList<Permission> permissions, string remediation)
    {
        var reported = new HashSet<RbacRole>();
        foreach (var name in UserFacing)
        {
            if (graph.ClusterRole(name) is not { } builtIn)
                continue;
            foreach (var group in graph.GrantsOf(builtIn).Where(g => g.Source.Location is not null && !RbacDefaults.IsDefault(g.Source)).GroupBy(g => g.Source))
            {
                if (reported.Contains(group.Key))
                    continue;
                var granted = group.Select(g => (Grant: g, Granted: permissions.Where(p => !p.ClusterScoped)
                        .Select(p => (Permission: p, Verbs: p.Verbs.Where(v => g.Rule.Allows(v, p.Group, p.Resource)).ToArray()))
                        .Where(p => p.Verbs.Length > 0).ToArray()))
                    .Where(g => g.Granted.Length > 0).ToArray();
                if (granted.Length == 0)
                    continue;
                reported.Add(group.Key);
                var what = string.Join("; ", granted.SelectMany(g => g.Granted).GroupBy(g => g.Permission.Display)
                    .Select(g => $"{string.Join("/", g.SelectMany(x => x.Verbs).Distinct())} {g.Key}"));
                yield return new Finding(check, PostureContext.Ref(group.Key),
                    $"{group.Key} is aggregated into the built-in ClusterRole {name}, which clusters grant widely: whoever is bound to {name} can {what}, "
                    + $"granted by {string.Join(", ", granted.Select(g => g.Grant.Rule.Field))}",
                    remediation + " Or remove the rbac.authorization.k8s.io/aggregate-to-* label and bind the role to those who need it.")
                {
                    Field = granted[0].Grant.Rule.Field,
                };
            }
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
