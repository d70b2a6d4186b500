using Palisade.Audit.Timeline;

namespace Palisade.Audit.Detection;

/// <summary>The outcome of <c>palisade audit</c>: events read, alerts in request order, the requests that changed the replayed state, and the final state.</summary>
public sealed record AuditCheckResult(long Events, IReadOnlyList<AuditAlert> Alerts, IReadOnlyList<ReplayedRequest> Changes, ObjectStore Final)
{
    /// <summary>The requests that changed the replayed state, in order.</summary>
    public IReadOnlyList<ReplayedRequest> Changes { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Changes);

    /// <summary>The alerts, in request order.</summary>
    public IReadOnlyList<AuditAlert> Alerts { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Alerts);
}

