using Palisade.Labels;
using Palisade.Model;

namespace Palisade.Generate.Building;

/// <summary>
/// The selector naming a workload's pods, and the workloads whose pods it cannot tell apart from them (the same
/// stable labels): those share every rule written for the workload.
/// </summary>
public sealed record WorkloadSelector(LabelSelector Selector, IReadOnlyList<WorkloadRef> SharedWith)
{
    /// <summary>The workloads, compared element by element.</summary>
    public IReadOnlyList<WorkloadRef> SharedWith { get; init => field = ValueCollections.List(value); } = ValueCollections.List(SharedWith);
}
