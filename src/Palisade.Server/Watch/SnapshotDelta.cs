using Palisade.Connectivity.Reachability;
using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Server.Watch;

/// <summary>
/// Brings an <see cref="IncrementalReachability"/> from one network snapshot to the next: namespaces, pods and
/// NetworkPolicies that differ are set or removed one by one. What it cannot follow incrementally (Services, the
/// cluster-scoped tiers, Ingresses and Routes, which it holds fixed) makes the caller start a new one.
/// </summary>
public static class SnapshotDelta
{
    /// <summary>Whether the incremental model can follow the change (the parts it holds fixed are unchanged).</summary>
    public static bool CanFollow(NetworkSnapshot before, NetworkSnapshot after) =>
        SameSet(before.Services, after.Services) && SameSet(before.AdminPolicies, after.AdminPolicies) && SameSet(before.IngressRoutes, after.IngressRoutes);

    /// <summary>Applies the differences; returns how many updates it took.</summary>
    public static int Apply(IncrementalReachability reachability, NetworkSnapshot before, NetworkSnapshot after)
    {
        var updates = 0;
        foreach (var (name, ns) in after.Namespaces)
        {
            if (!before.Namespaces.TryGetValue(name, out var old) || !old.Equals(ns))
            {
                reachability.SetNamespace(ns);
                updates++;
            }
        }
        var oldPolicies = ByName(before.NetworkPolicies, p => (p.Namespace, p.Name));
        var newPolicies = ByName(after.NetworkPolicies, p => (p.Namespace, p.Name));
        var oldPods = ByName(before.Pods, p => (p.Namespace, p.Name));
        var newPods = ByName(after.Pods, p => (p.Namespace, p.Name));
        foreach (var key in oldPolicies.Keys.Where(k => !newPolicies.ContainsKey(k)))
        {
            reachability.RemovePolicy(key.Item1, key.Item2);
            updates++;
        }
        foreach (var key in oldPods.Keys.Where(k => !newPods.ContainsKey(k)))
        {
            reachability.RemovePod(key.Item1, key.Item2);
            updates++;
        }
        foreach (var (key, pod) in newPods)
        {
            if (!oldPods.TryGetValue(key, out var old) || !old.Equals(pod))
            {
                reachability.SetPod(pod);
                updates++;
            }
        }
        foreach (var (key, policy) in newPolicies)
        {
            if (!oldPolicies.TryGetValue(key, out var old) || !Same(old, policy))
            {
                reachability.SetPolicy(policy);
                updates++;
            }
        }
        foreach (var name in before.Namespaces.Keys.Where(n => !after.Namespaces.ContainsKey(n)))
        {
            reachability.RemoveNamespace(name);
            updates++;
        }
        return updates;
    }

    private static Dictionary<(string, string), T> ByName<T>(IEnumerable<T> items, Func<T, (string, string)> key)
    {
        var map = new Dictionary<(string, string), T>();
        foreach (var item in items)
            map[key(item)] = item;
        return map;
    }

    private static bool Same(NetworkPolicy a, NetworkPolicy b) => a.Equals(b);

    private static bool SameSet<T>(IReadOnlyList<T> a, IReadOnlyList<T> b) => a.Count == b.Count && new HashSet<T>(a).SetEquals(b);
}
