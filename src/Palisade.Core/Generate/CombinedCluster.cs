using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Generate;

/// <summary>The cluster as it would stand once the generated policies are applied: everything as it is, plus them.</summary>
public static class CombinedCluster
{
    /// <summary>
    /// The cluster with the policies added, each indexed as an object without a source location; the
    /// <paramref name="replaced"/> ones (of the same names, as <c>kubectl apply</c> would replace them) are removed.
    /// </summary>
    public static Cluster With(Cluster cluster, IEnumerable<NetworkPolicy> policies, IReadOnlyCollection<NetworkPolicy>? replaced = null)
    {
        var added = policies.ToArray();
        var kept = cluster.Network.NetworkPolicies.Where(p => replaced?.Contains(p) != true);
        var metas = added.Select(p => new ObjectMeta(new ResourceRef("NetworkPolicy", p.Namespace, p.Name), new Dictionary<string, string>()));
        return cluster.With(cluster.Network.With(policies: [.. kept, .. added]), objects: new ObjectIndex([.. cluster.Objects, .. metas]));
    }
}
