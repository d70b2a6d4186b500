namespace Palisade.Kubernetes.Live;

/// <summary>What a live read reports besides its objects: the cluster's name, the mapping warnings, and the kinds refused.</summary>
public sealed record LiveRead(string Cluster, IReadOnlyList<string> Warnings, IReadOnlyList<RefusedKind> Refused)
{
    /// <summary>Problems that did not stop the reading, such as a container port without a number.</summary>
    public IReadOnlyList<string> Warnings { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Warnings);

    /// <summary>The kinds the server refused to list, with <c>--allow-partial</c>; in the table's order.</summary>
    public IReadOnlyList<RefusedKind> Refused { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Refused);
}
