using Palisade.Findings;
using Palisade.Model.Rbac;

namespace Palisade.Posture.Rbac;

/// <summary>Bound Roles and ClusterRoles with <c>*</c> in a rule's verbs or resources: high when a rule has both.</summary>
public sealed class WildcardRules : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL503", "rbac-wildcard", "Role grants wildcard verbs or resources", Severity.Medium, "rbac",
        "A wildcard grants every verb or resource, including those added later (new CRDs, escalate, impersonate), so the role grants more than anyone reviewed; verbs and resources both wildcarded make it an administrator role.")
    {
        References = [References.CisWildcards, References.NsaRbac],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        var graph = context.Rbac;
        foreach (var role in graph.Roles)
        {
            if (RbacDefaults.IsDefault(role) || !graph.IsBound(role))
                continue;
            var rules = role.Rules.Where(r => r.HasWildcardVerb || r.HasWildcardResource).ToArray();
            if (rules.Length == 0)
                continue;
            var both = rules.FirstOrDefault(r => r.HasWildcardVerb && r.HasWildcardResource);
            var shown = both ?? rules[0];
            var what = string.Join("; ", rules.Select(r => $"{r.Field} {r.Describe()}"));
            yield return new Finding(Info, PostureContext.Ref(role),
                $"{role} is bound and has wildcard {(both is null ? "verbs or resources" : "verbs and resources")}: {what}",
                "List the verbs and resources the role's users need instead of *; if it really must administer everything, bind cluster-admin to the few who need it and review that binding.")
            {
                Severity = both is null ? Severity.Medium : Severity.High,
                Field = shown.Field,
            };
        }
    }
}
