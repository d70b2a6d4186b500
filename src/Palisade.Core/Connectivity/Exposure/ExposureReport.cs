using Palisade.Policy;

namespace Palisade.Connectivity.Exposure;

/// <summary>What each workload is open to beyond the pods present, and which workloads no policy protects.</summary>
public sealed record ExposureReport(ConnectivityReport Connectivity, IReadOnlyList<ExposureItem> Items, IReadOnlyList<(Peer Workload, PolicyDirection Direction)> Unprotected)
{
    /// <summary>Items, compared element by element.</summary>
    public IReadOnlyList<ExposureItem> Items { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Items);

    /// <summary>Unprotected, compared element by element.</summary>
    public IReadOnlyList<(Peer Workload, PolicyDirection Direction)> Unprotected { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Unprotected);
}
