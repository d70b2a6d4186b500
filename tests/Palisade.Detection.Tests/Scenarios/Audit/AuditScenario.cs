using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Audit.State;
using Palisade.Detection.Tests.Scenarios.Cluster;

namespace Palisade.Detection.Tests.Scenarios.Audit;

/// <summary>A generated audit scenario: the cluster before the log, the requests (with the generator's replay) and the trusted users.</summary>
public sealed class AuditScenario
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required ClusterSpec Cluster { get; init; }
    public required AuditLogBuilder Log { get; init; }
    public IReadOnlyList<string> TrustedUsers { get; init; } = [];

    /// <summary>The seed of the file order's shuffle.</summary>
    public required int Seed { get; init; }

    public ClusterState Initial => Log.States[0];
    public IReadOnlyList<AuditRequest> Requests => Log.Requests;

    public override string ToString() => Name;
}
