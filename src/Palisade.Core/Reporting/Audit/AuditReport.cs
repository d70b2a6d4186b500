using Palisade.Audit.Detection;
using Palisade.Findings;

namespace Palisade.Reporting.Audit;

/// <summary>What <c>palisade audit</c> reports: events read, the alerts, and the rules that ran (for the findings formats).</summary>
public sealed record AuditReport(long Events, IReadOnlyList<AuditAlert> Alerts, IReadOnlyList<DetectionRule> Rules)
{
    /// <summary>The alerts, in request order.</summary>
    public IReadOnlyList<AuditAlert> Alerts { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Alerts);

    /// <summary>The rules that ran.</summary>
    public IReadOnlyList<DetectionRule> Rules { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Rules);
}
