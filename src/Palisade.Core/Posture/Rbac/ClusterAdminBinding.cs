using Palisade.Findings;
using Palisade.Model.Rbac;

namespace Palisade.Posture.Rbac;

/// <summary>Bindings of the cluster-admin ClusterRole beyond the default ones to system:masters and kubeadm:cluster-admins.</summary>
public sealed class ClusterAdminBinding : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL506", "cluster-admin-binding", "Extra cluster-admin binding", Severity.Critical, "rbac",
        "cluster-admin can do anything: delete every NetworkPolicy, read every Secret, run anything on any node. Each subject it is bound to (a service account above all, whose token sits in a pod) is a way to own the cluster.")
    {
        References = [References.CisClusterAdmin, References.NsaRbac],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var binding in context.Rbac.Bindings)
        {
            if (binding.RoleRef is not { IsClusterRole: true, Name: RbacDefaults.ClusterAdmin } || RbacDefaults.IsDefault(binding))
                continue;
            var defaults = RbacDefaults.DefaultSubjectsOf(binding);
            var indexes = Enumerable.Range(0, binding.Subjects.Count)
                .Where(i => !defaults.Contains(binding.Subjects[i]) && !RbacDefaults.IsClusterAdministrator(binding.Subjects[i]))
                .ToArray();
            if (indexes.Length == 0)
                continue;
            var subjects = indexes.Select(i => binding.Subjects[i]).ToArray();
            var scope = binding.IsClusterWide ? "over the whole cluster" : $"over everything in namespace {binding.Namespace}";
            yield return new Finding(Info, PostureContext.Ref(binding),
                $"{binding} grants cluster-admin to {BindingAccess.Subjects(subjects)} {scope}",
                "Bind a role with only the permissions the subject needs; keep cluster-admin for break-glass access through system:masters credentials kept offline.")
            {
                Field = $"subjects[{indexes[0]}]",
                Fix = Fixes.Remedies.RemoveSubjects(binding.Kind, binding.Namespace, binding.Name, indexes),
                FixChange = new Model.Changes.RemoveSubjects(binding.Kind, binding.Namespace, binding.Name, indexes),
            };
        }
    }
}
