namespace Palisade.Connectivity.Reachability;

/// <summary>
/// What a full pass over the rows needs on the ingress side: for every source node, the ingress peer sets
/// holding it, and for every such set the destinations its rules admit, with their port classes. What a set
/// admits does not depend on the source, so it is worked out once per pass rather than once per source.
/// Valid while the model it was made from is not changed.
/// </summary>
internal sealed class IngressIndex(List<PeerSet>?[] setsBySource, Func<PeerSet, Admission[]> admissionsOf)
{
    private readonly Dictionary<PeerSet, Admission[]> _admissions = new(ReferenceEqualityComparer.Instance);

    /// <summary>The ingress peer sets holding the node.</summary>
    public IReadOnlyList<PeerSet> SetsHolding(int node) => node < setsBySource.Length ? setsBySource[node] ?? [] : [];

    /// <summary>The destinations the set's rules admit, each with the port classes admitted.</summary>
    public Admission[] Admissions(PeerSet set)
    {
        if (!_admissions.TryGetValue(set, out var admissions))
            _admissions[set] = admissions = admissionsOf(set);
        return admissions;
    }
}
