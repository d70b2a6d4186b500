using Palisade.Connectivity;
using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Posture;

/// <summary>
/// Where a change of a cluster can move verdicts, when the change touches NetworkPolicies only.
/// </summary>
/// <remarks>
/// A NetworkPolicy selects pods of its own namespace, so a pod outside the namespaces whose policies changed keeps
/// the verdicts of its own side (its egress, its ingress), and a connection whose two ends lie outside them keeps its
/// verdict: each side is decided by its pod's namespace's policies and by the cluster-scoped tiers, which did not change.
/// </remarks>
internal static class ChangeScope
{
    /// <summary>
    /// The namespaces whose NetworkPolicies differ between the two engines' clusters; null when anything else the
    /// lines depend on differs too (pods, namespaces and their labels, Services, ingress routes, cluster-scoped
    /// policies, nodes, options), so that the scope would not bound the change.
    /// </summary>
    public static HashSet<string>? Of(PolicyEngine before, PolicyEngine after)
    {
        var (old, now) = (before.Cluster, after.Cluster);
        if (before.Options != after.Options
            || !SameItems(old.Pods, now.Pods) || !SameItems(old.Services, now.Services) || !SameItems(old.IngressRoutes, now.IngressRoutes)
            || !SameItems(old.AdminPolicies, now.AdminPolicies) || !SameItems(old.Nodes, now.Nodes) || !SameNamespaces(old, now))
            return null;
        var (oldPolicies, newPolicies) = (ByNamespace(old.NetworkPolicies), ByNamespace(now.NetworkPolicies));
        var scope = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (ns, policies) in newPolicies)
        {
            if (!oldPolicies.TryGetValue(ns, out var was) || !SameItems(was, policies))
                scope.Add(ns);
        }
        foreach (var ns in oldPolicies.Keys)
        {
            if (!newPolicies.ContainsKey(ns))
                scope.Add(ns);
        }
        return scope;
    }

    private static bool SameItems<T>(IReadOnlyList<T> a, IReadOnlyList<T> b) where T : class
    {
        if (ReferenceEquals(a, b))
            return true;
        if (a.Count != b.Count)
            return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
                return false;
        }
        return true;
    }

    private static bool SameNamespaces(NetworkSnapshot a, NetworkSnapshot b)
    {
        if (a.Namespaces.Count != b.Namespaces.Count)
            return false;
        foreach (var (name, ns) in a.Namespaces)
        {
            if (!b.Namespaces.TryGetValue(name, out var other) || !ns.Equals(other))
                return false;
        }
        return true;
    }

    private static Dictionary<string, List<NetworkPolicy>> ByNamespace(IReadOnlyList<NetworkPolicy> policies)
    {
        var result = new Dictionary<string, List<NetworkPolicy>>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            if (!result.TryGetValue(policy.Namespace, out var list))
                result[policy.Namespace] = list = [];
            list.Add(policy);
        }
        return result;
    }
}
