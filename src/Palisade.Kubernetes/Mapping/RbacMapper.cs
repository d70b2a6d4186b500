using Palisade.Labels;
using Palisade.Model.Rbac;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// Maps client Roles, ClusterRoles, their bindings and ServiceAccounts into Core's, rejecting what the API
/// server's RBAC validation rejects and applying its defaults (a subject's and roleRef's apiGroup).
/// </summary>
internal static class RbacMapper
{
    private const string RbacGroup = "rbac.authorization.k8s.io";

    public static RbacRole Map(V1Role role, FieldLocations locations)
    {
        var ns = ObjectNames.Namespace(role.Metadata);
        var name = ObjectNames.Require(role.Metadata, RbacRole.RoleKind, locations);
        var label = $"Role {ns}/{name}";
        return new RbacRole(RbacRole.RoleKind, ns, name, Rules(role.Rules, namespaced: true, label, locations))
        {
            Labels = LabelSet.From(role.Metadata.Labels),
            Location = locations.Object,
        };
    }

    public static RbacRole Map(V1ClusterRole role, FieldLocations locations)
    {
        var name = ObjectNames.Require(role.Metadata, RbacRole.ClusterRoleKind, locations);
        var label = $"ClusterRole {name}";
        IReadOnlyList<LabelSelector>? selectors = null;
        if (role.AggregationRule is { } aggregation)
        {
            if (aggregation.ClusterRoleSelectors is not { Count: > 0 } given)
                throw new InvalidInputException(locations.Of("aggregationRule"), label, "aggregationRule.clusterRoleSelectors",
                    "at least one clusterRoleSelector required if aggregationRule is non-nil");
            try
            {
                selectors = given.Select((s, i) => PolicyMapper.Selector(s, $"aggregationRule.clusterRoleSelectors[{i}]") ?? LabelSelector.Everything).ToArray();
            }
            catch (InvalidFieldException e)
            {
                throw new InvalidInputException(locations.Of(e.Field), label, e.Field, e.Message, e);
            }
        }
        return new RbacRole(RbacRole.ClusterRoleKind, null, name, Rules(role.Rules, namespaced: false, label, locations))
        {
            Labels = LabelSet.From(role.Metadata.Labels),
            AggregationSelectors = selectors,
            Location = locations.Object,
        };
    }

    public static RbacBinding Map(V1RoleBinding binding, FieldLocations locations)
    {
        var ns = ObjectNames.Namespace(binding.Metadata);
        var name = ObjectNames.Require(binding.Metadata, RbacBinding.RoleBindingKind, locations);
        var label = $"RoleBinding {ns}/{name}";
        return new RbacBinding(RbacBinding.RoleBindingKind, ns, name,
            RoleRef(binding.RoleRef, [RbacRole.RoleKind, RbacRole.ClusterRoleKind], label, locations),
            Subjects(binding.Subjects, ns, label, locations))
        {
            Location = locations.Object,
        };
    }

    public static RbacBinding Map(V1ClusterRoleBinding binding, FieldLocations locations)
    {
        var name = ObjectNames.Require(binding.Metadata, RbacBinding.ClusterRoleBindingKind, locations);
        var label = $"ClusterRoleBinding {name}";
        return new RbacBinding(RbacBinding.ClusterRoleBindingKind, null, name,
            RoleRef(binding.RoleRef, [RbacRole.ClusterRoleKind], label, locations),
            Subjects(binding.Subjects, null, label, locations))
        {
            Location = locations.Object,
        };
    }

    public static ServiceAccount Map(V1ServiceAccount account, FieldLocations locations) =>
        new(ObjectNames.Namespace(account.Metadata), ObjectNames.Require(account.Metadata, "ServiceAccount", locations))
        {
            Location = locations.Object,
        };

    private static RbacRule[] Rules(IList<V1PolicyRule>? rules, bool namespaced, string label, FieldLocations locations)
    {
        var mapped = new RbacRule[rules?.Count ?? 0];
        for (var i = 0; i < mapped.Length; i++)
        {
            var rule = rules![i];
            var field = $"rules[{i}]";
            InvalidInputException Invalid(string child, string problem) => new(locations.Of($"{field}.{child}"), label, $"{field}.{child}", problem);
            if (rule is null)
                throw new InvalidInputException(locations.Of(field), label, field, "empty rule");
            if (rule.Verbs is not { Count: > 0 })
                throw Invalid("verbs", "verbs must contain at least one value");
            if (rule.NonResourceURLs is { Count: > 0 })
            {
                if (namespaced)
                    throw Invalid("nonResourceURLs", "namespaced rules cannot apply to non-resource URLs");
                if (rule.ApiGroups is { Count: > 0 } || rule.Resources is { Count: > 0 } || rule.ResourceNames is { Count: > 0 })
                    throw Invalid("nonResourceURLs", "rules cannot apply to both regular resources and non-resource URLs");
            }
            else
            {
                if (rule.ApiGroups is not { Count: > 0 })
                    throw Invalid("apiGroups", "resource rules must supply at least one api group");
                if (rule.Resources is not { Count: > 0 })
                    throw Invalid("resources", "resource rules must supply at least one resource");
            }
            mapped[i] = new RbacRule(i, Strings(rule.ApiGroups), Strings(rule.Resources), Strings(rule.Verbs))
            {
                ResourceNames = Strings(rule.ResourceNames),
                NonResourceUrls = Strings(rule.NonResourceURLs),
            };
        }
        return mapped;
    }

    private static RoleRef RoleRef(V1RoleRef? roleRef, string[] kinds, string label, FieldLocations locations)
    {
        if (roleRef is null)
            throw new InvalidInputException(locations.Object, label, "roleRef", "required: the role the binding grants");
        if (!string.IsNullOrEmpty(roleRef.ApiGroup) && roleRef.ApiGroup != RbacGroup)
            throw new InvalidInputException(locations.Of("roleRef.apiGroup"), label, "roleRef.apiGroup", $"unsupported value \"{roleRef.ApiGroup}\": must be {RbacGroup}");
        if (Array.IndexOf(kinds, roleRef.Kind) < 0)
            throw new InvalidInputException(locations.Of("roleRef.kind"), label, "roleRef.kind", $"unsupported value \"{roleRef.Kind}\": must be {string.Join(" or ", kinds)}");
        if (string.IsNullOrEmpty(roleRef.Name))
            throw new InvalidInputException(locations.Of("roleRef"), label, "roleRef.name", "required");
        return new RoleRef(roleRef.Kind, roleRef.Name);
    }

    private static RbacSubject[] Subjects(IList<Rbacv1Subject>? subjects, string? bindingNamespace, string label, FieldLocations locations)
    {
        var mapped = new RbacSubject[subjects?.Count ?? 0];
        for (var i = 0; i < mapped.Length; i++)
        {
            var subject = subjects![i];
            var field = $"subjects[{i}]";
            InvalidInputException Invalid(string child, string problem) => new(locations.Of($"{field}.{child}"), label, $"{field}.{child}", problem);
            if (string.IsNullOrEmpty(subject.Name))
                throw Invalid("name", "required");
            switch (subject.Kind)
            {
                case RbacSubject.ServiceAccountKind:
                    if (!string.IsNullOrEmpty(subject.ApiGroup))
                        throw Invalid("apiGroup", $"unsupported value \"{subject.ApiGroup}\": a ServiceAccount subject has the core group (\"\")");
                    var ns = string.IsNullOrEmpty(subject.NamespaceProperty) ? bindingNamespace : subject.NamespaceProperty;
                    if (ns is null)
                        throw Invalid("namespace", "required for a ServiceAccount subject of a ClusterRoleBinding");
                    mapped[i] = RbacSubject.ServiceAccount(ns, subject.Name);
                    break;
                case RbacSubject.UserKind or RbacSubject.GroupKind:
                    if (!string.IsNullOrEmpty(subject.ApiGroup) && subject.ApiGroup != RbacGroup)
                        throw Invalid("apiGroup", $"unsupported value \"{subject.ApiGroup}\": must be {RbacGroup}");
                    mapped[i] = new RbacSubject(subject.Kind, subject.Name);
                    break;
                default:
                    throw Invalid("kind", $"unsupported value \"{subject.Kind}\": must be ServiceAccount, User or Group");
            }
        }
        return mapped;
    }

    private static string[] Strings(IList<string>? values) => values?.ToArray() ?? [];
}
