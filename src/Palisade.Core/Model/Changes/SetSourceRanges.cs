namespace Palisade.Model.Changes;

/// <summary>loadBalancerSourceRanges set on a Service.</summary>
public sealed record SetSourceRanges(string Namespace, string Service, IReadOnlyList<string> Ranges) : ClusterEdit
{
    /// <summary>Ranges, compared element by element.</summary>
    public IReadOnlyList<string> Ranges { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Ranges);

    /// <inheritdoc />
    public override Cluster Apply(Cluster cluster)
    {
        var services = cluster.Network.Services
            .Select(s => s.Namespace == Namespace && s.Name == Service ? s with { LoadBalancerSourceRanges = Ranges } : s);
        return cluster.With(cluster.Network.With(services: services));
    }
}
