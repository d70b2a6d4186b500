namespace Palisade.Flows.Detection;

/// <summary>The outcome of <c>flows check</c>: records read, records whose addresses could not be parsed, and the alerts in order.</summary>
public sealed record FlowCheckResult(long Flows, long Unresolved, IReadOnlyList<FlowAlert> Alerts)
{
    /// <summary>The alerts, by first time, detector, source, destination and protocol.</summary>
    public IReadOnlyList<FlowAlert> Alerts { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Alerts);
}

