namespace Palisade.Model.Changes;

/// <summary>Several changes applied in order (all the fixes at once).</summary>
public sealed record ChangeSequence(IReadOnlyList<ClusterEdit> Changes) : ClusterEdit
{
    /// <summary>Changes, compared element by element.</summary>
    public IReadOnlyList<ClusterEdit> Changes { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Changes);

    /// <inheritdoc />
    public override Cluster Apply(Cluster cluster) => Changes.Aggregate(cluster, (c, change) => change.Apply(c));
}
