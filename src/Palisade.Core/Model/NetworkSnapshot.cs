using Palisade.Labels;
using Palisade.Policy;

namespace Palisade.Model;

/// <summary>Everything the engines know about one cluster at one moment. Immutable (its per-namespace indexes are built once, on first use).</summary>
public sealed class NetworkSnapshot
{
    /// <summary>Creates a snapshot; namespaces referenced by objects but not declared are synthesised.</summary>
    public NetworkSnapshot(
        IEnumerable<NamespaceInfo> namespaces,
        IEnumerable<Pod> pods,
        IEnumerable<NetworkPolicy> policies,
        IEnumerable<ServiceInfo>? services = null,
        IEnumerable<AdminNetworkPolicy>? adminPolicies = null,
        IEnumerable<IngressRoute>? ingressRoutes = null)
    {
        IngressRoutes = (ingressRoutes ?? []).ToArray();
        AdminPolicies = (adminPolicies ?? []).ToArray();
        Pods = pods.ToArray();
        NetworkPolicies = policies.ToArray();
        Services = (services ?? []).ToArray();
        var byName = new Dictionary<string, NamespaceInfo>(StringComparer.Ordinal);
        foreach (var ns in namespaces)
            byName[ns.Name] = ns;
        foreach (var name in Pods.Select(p => p.Namespace).Concat(NetworkPolicies.Select(p => p.Namespace)))
        {
            if (!byName.ContainsKey(name))
                byName[name] = new NamespaceInfo(name, LabelSet.Empty);
        }
        Namespaces = byName;
    }

    private Dictionary<string, Pod[]>? _podsByNamespace;
    private Dictionary<string, ServiceInfo[]>? _servicesByNamespace;

    /// <summary>The pods of a namespace, in snapshot order; indexed on first use (safe for concurrent readers).</summary>
    public IReadOnlyList<Pod> PodsIn(string ns) =>
        LazyInitializer.EnsureInitialized(ref _podsByNamespace, () => ByNamespace(Pods, static p => p.Namespace)).GetValueOrDefault(ns) ?? [];

    /// <summary>The Services of a namespace, in snapshot order; indexed on first use (safe for concurrent readers).</summary>
    public IReadOnlyList<ServiceInfo> ServicesIn(string ns) =>
        LazyInitializer.EnsureInitialized(ref _servicesByNamespace, () => ByNamespace(Services, static s => s.Namespace)).GetValueOrDefault(ns) ?? [];

    private static Dictionary<string, T[]> ByNamespace<T>(IReadOnlyList<T> items, Func<T, string> namespaceOf)
    {
        var lists = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!lists.TryGetValue(namespaceOf(item), out var list))
                lists[namespaceOf(item)] = list = [];
            list.Add(item);
        }
        var result = new Dictionary<string, T[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (ns, list) in lists)
            result[ns] = [.. list];
        return result;
    }

    /// <summary>A copy with some parts replaced (what a fix changes); nodes are kept.</summary>
    public NetworkSnapshot With(
        IEnumerable<NamespaceInfo>? namespaces = null,
        IEnumerable<NetworkPolicy>? policies = null,
        IEnumerable<ServiceInfo>? services = null,
        IEnumerable<Pod>? pods = null)
    {
        if (namespaces is null && services is null && pods is null && policies is not null)
        {
            var kept = policies.ToArray();
            if (Array.TrueForAll(kept, p => Namespaces.ContainsKey(p.Namespace)))
                return new NetworkSnapshot(this, kept);
        }
        return new(namespaces ?? Namespaces.Values, pods ?? Pods, policies ?? NetworkPolicies, services ?? Services, AdminPolicies, IngressRoutes) { Nodes = Nodes };
    }

    /// <summary>
    /// The snapshot with other NetworkPolicies, all in namespaces it has: everything else (and its per-namespace
    /// indexes) is shared, as a fix proven on a large cluster changes a few policies only.
    /// </summary>
    private NetworkSnapshot(NetworkSnapshot basis, NetworkPolicy[] policies)
    {
        (IngressRoutes, AdminPolicies, Pods, Services, Namespaces, Nodes) =
            (basis.IngressRoutes, basis.AdminPolicies, basis.Pods, basis.Services, basis.Namespaces, basis.Nodes);
        NetworkPolicies = policies;
        _podsByNamespace = basis._podsByNamespace;
        _servicesByNamespace = basis._servicesByNamespace;
    }

    /// <summary>Nodes, with their addresses.</summary>
    public IReadOnlyList<NodeInfo> Nodes { get; init; } = [];

    /// <summary>Namespaces by name.</summary>
    public IReadOnlyDictionary<string, NamespaceInfo> Namespaces { get; }

    /// <summary>Pods, including the representative pods of workload templates.</summary>
    public IReadOnlyList<Pod> Pods { get; }

    /// <summary>NetworkPolicies (networking.k8s.io/v1).</summary>
    public IReadOnlyList<NetworkPolicy> NetworkPolicies { get; }

    /// <summary>Cluster-scoped policies of both tiers (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy).</summary>
    public IReadOnlyList<AdminNetworkPolicy> AdminPolicies { get; }

    /// <summary>Ingresses and Routes.</summary>
    public IReadOnlyList<IngressRoute> IngressRoutes { get; }

    /// <summary>Services.</summary>
    public IReadOnlyList<ServiceInfo> Services { get; }

    /// <summary>The labels of a namespace (declared or synthesised).</summary>
    public LabelSet NamespaceLabels(string name) =>
        Namespaces.TryGetValue(name, out var ns) ? ns.Labels : LabelSet.Empty.With(NamespaceInfo.NameLabel, name);
}
