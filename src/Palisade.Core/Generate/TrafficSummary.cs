namespace Palisade.Generate;

/// <summary>What the reading saw: records, requests, what was not traffic to allow, and where unresolvable records were.</summary>
public sealed record TrafficSummary
{
    /// <summary>Records read.</summary>
    public long Records { get; init; }

    /// <summary>Requests resolved (replies excluded).</summary>
    public long Requests { get; init; }

    /// <summary>Requests not delivered (denied attempts).</summary>
    public long NotDelivered { get; init; }

    /// <summary>Delivered requests with no pod at either end.</summary>
    public long NotPodTraffic { get; init; }

    /// <summary>Delivered requests into a pod from the node it runs on, which Kubernetes allows whatever the policies.</summary>
    public long FromResidentNode { get; init; }

    /// <summary>Records whose addresses could not be parsed.</summary>
    public long Unresolvable { get; init; }

    /// <summary>Where the first unresolvable records were read.</summary>
    public IReadOnlyList<SourceLocation> UnresolvableAt { get; init => field = ValueCollections.List(value); } = [];
}
