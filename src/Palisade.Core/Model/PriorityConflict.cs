using Palisade.Policy;

namespace Palisade.Model;

/// <summary>
/// Two cluster-scoped policies of one tier with the same priority that select a common pod and have rules
/// in a common direction: the API leaves their order undefined, so no analysis of that pod can be trusted.
/// </summary>
public sealed record PriorityConflict(AdminNetworkPolicy First, AdminNetworkPolicy Second, Pod SharedPod)
{
    /// <summary>The first conflict in the snapshot, or null.</summary>
    public static PriorityConflict? Find(NetworkSnapshot cluster)
    {
        foreach (var group in cluster.AdminPolicies.GroupBy(p => (p.Tier, p.Priority)).Where(g => g.Count() > 1))
        {
            var policies = group.OrderBy(p => p.Location?.ToString(), StringComparer.Ordinal).ToArray();
            for (var i = 0; i < policies.Length; i++)
            {
                for (var j = i + 1; j < policies.Length; j++)
                {
                    if (!(policies[i].Ingress.Count > 0 && policies[j].Ingress.Count > 0 || policies[i].Egress.Count > 0 && policies[j].Egress.Count > 0))
                        continue;
                    var shared = cluster.Pods.FirstOrDefault(pod => !pod.HostNetwork &&
                        policies[i].Subject.Matches(cluster.NamespaceLabels(pod.Namespace), pod.Labels) &&
                        policies[j].Subject.Matches(cluster.NamespaceLabels(pod.Namespace), pod.Labels));
                    if (shared is not null)
                        return new PriorityConflict(policies[i], policies[j], shared);
                }
            }
        }
        return null;
    }
}
