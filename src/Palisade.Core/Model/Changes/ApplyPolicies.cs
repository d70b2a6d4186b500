using Palisade.Policy;

namespace Palisade.Model.Changes;

/// <summary>NetworkPolicies applied (<c>kubectl apply</c>): each replaces the policy of its namespace and name, or is added.</summary>
public sealed record ApplyPolicies(IReadOnlyList<NetworkPolicy> Policies) : ClusterEdit
{
    /// <summary>Policies, compared element by element.</summary>
    public IReadOnlyList<NetworkPolicy> Policies { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Policies);

    /// <inheritdoc />
    public override Cluster Apply(Cluster cluster)
    {
        var replaced = Policies.Select(p => (p.Namespace, p.Name)).ToHashSet();
        var kept = cluster.Network.NetworkPolicies.Where(p => !replaced.Contains((p.Namespace, p.Name)));
        return cluster.With(cluster.Network.With(policies: [.. kept, .. Policies]));
    }
}
