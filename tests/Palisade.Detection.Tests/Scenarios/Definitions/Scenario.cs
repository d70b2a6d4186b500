using Palisade.Detection.Tests.Scenarios.Cluster;
using Palisade.Detection.Tests.Scenarios.Formats;
using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// A generated scenario: the cluster, the checked traffic ("day 2"), optionally a baseline day and an audit
/// log, and the formats it is written in.
/// </summary>
public sealed class Scenario
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required ClusterSpec Cluster { get; init; }
    public required IReadOnlyList<Connection> Traffic { get; init; }

    /// <summary>The traffic <c>flows baseline</c> learns from, or null.</summary>
    public IReadOnlyList<Connection>? BaselineTraffic { get; init; }

    public IReadOnlyList<AuditWrite> Audit { get; init; } = [];

    public required IReadOnlyList<FlowFormat> Formats { get; init; }

    /// <summary>
    /// Whether a run in this format passes <c>--baseline</c>: not for GCP, whose records have no verdict,
    /// because the contract learns and flags only forwarded flows and cannot say whether a record without
    /// a verdict was forwarded.
    /// </summary>
    public bool UsesBaseline(FlowFormat format) => BaselineTraffic is not null && format.HasVerdict;

    /// <summary>Whether a run passes <c>--audit</c>: not for GCP, for the same reason (via-policy-change needs forwarded flows).</summary>
    public bool UsesAudit(FlowFormat format) => Audit.Count > 0 && format.HasVerdict;

    /// <summary>The connections a format can express.</summary>
    public static IEnumerable<Connection> In(IEnumerable<Connection> traffic, FlowFormat format) =>
        traffic.Where(c => format == FlowFormat.Hubble || !c.HubbleOnly);

    public override string ToString() => Name;
}
