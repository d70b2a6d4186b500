namespace Palisade.Connectivity;

/// <summary>What <c>connectivity</c> is asked: the engine's options, the granularity, and the workloads to focus on.</summary>
public sealed record ConnectivityRequest
{
    /// <summary>The engine's modelling choices.</summary>
    public ConnectivityOptions Options { get; init; } = ConnectivityOptions.Default;

    /// <summary>Per workload or per pod.</summary>
    public Granularity Granularity { get; init; } = Granularity.Workload;

    /// <summary>Only the connections of these workloads (<c>name</c>, <c>ns/name</c>, <c>ingress-controller</c>); all when empty.</summary>
    public IReadOnlyList<string> Focus { get; init => field = ValueCollections.List(value); } = [];
}
