using Palisade.Findings;
using Palisade.Model.Rbac;

namespace Palisade.Posture.Rbac;

/// <summary>
/// Bindings that grant to system:anonymous or system:unauthenticated (critical: anyone who reaches the API
/// server) or system:authenticated (high: every identity, every service account included) or system:serviceaccounts
/// (high: every pod), beyond the defaults.
/// </summary>
public sealed class PublicBindings : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL505", "public-rbac-binding", "Binding grants to anonymous or all authenticated users", Severity.Critical, "rbac",
        "system:anonymous and system:unauthenticated are anyone who can reach the API server; system:authenticated is every user and every service account token of every pod. A role bound to them is granted to an attacker with any foothold.")
    {
        References = [References.NsaRbac, References.NsaControlPlane, References.CisClusterAdmin],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var binding in context.Rbac.Bindings)
        {
            if (RbacDefaults.IsDefault(binding))
                continue;
            var defaults = RbacDefaults.DefaultSubjectsOf(binding);
            var indexes = Enumerable.Range(0, binding.Subjects.Count)
                .Where(i => (RbacDefaults.IsPublic(binding.Subjects[i]) || RbacDefaults.IsEveryServiceAccount(binding.Subjects[i])) && !defaults.Contains(binding.Subjects[i]))
                .ToArray();
            if (indexes.Length == 0)
                continue;
            var subjects = indexes.Select(i => binding.Subjects[i]).ToArray();
            var anonymous = subjects.Any(s => RbacDefaults.IsPublic(s) && s.Name != RbacDefaults.Authenticated);
            var who = anonymous ? "anyone who can reach the API server, without credentials"
                : subjects.Any(s => s.Name == RbacDefaults.Authenticated) ? "every authenticated identity, including every pod's service account"
                : "every service account, so every pod of the cluster";
            yield return new Finding(Info, PostureContext.Ref(binding),
                $"{binding} grants {binding.RoleRef} to {BindingAccess.Subjects(subjects)} {BindingAccess.Scope(binding)}: {who}",
                "Bind the role to the users, groups or service accounts that need it instead; remove the public subjects (the patch does).")
            {
                Severity = anonymous ? Severity.Critical : Severity.High,
                Field = $"subjects[{indexes[0]}]",
                Fix = Fixes.Remedies.RemoveSubjects(binding.Kind, binding.Namespace, binding.Name, indexes),
                FixChange = new Model.Changes.RemoveSubjects(binding.Kind, binding.Namespace, binding.Name, indexes),
            };
        }
    }
}
