using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Connectivity;
using Palisade.Model;

namespace Palisade.Audit.Detection;

/// <summary>
/// One pass over an audit log: the events replayed from the starting state with the rules run on each
/// request, and the history of the cluster that the replay yields (for <c>flows check --audit</c>,
/// <c>connectivity --at</c> and <c>timeline</c>).
/// </summary>
public static class AuditRun
{
    /// <summary>Replays the events and runs the rules.</summary>
    public static (AuditCheckResult Result, ClusterHistory History) Run(
        IEnumerable<AuditEvent> events, AuditStart start, IReadOnlyList<IAuditRule> rules, AuditCheckContext context, bool keepHistory = true)
    {
        var check = new AuditCheck(context, rules, start.Store, start.Complete, keepHistory);
        foreach (var e in events)
            check.Add(e);
        var result = check.Run();
        return (result, HistoryBuilder.Build(start.Cluster, result.Changes, start.Model, start.Store));
    }

    /// <summary>A context whose changes are evaluated on the start's model.</summary>
    public static AuditCheckContext Context(AuditStart start, IReadOnlySet<string> trustedUsers, bool showDenied, ConnectivityOptions? options = null) =>
        new(trustedUsers, new ChangeEvaluator(start.Model, options), showDenied);
}
