using Palisade.Audit.Events;
using Palisade.Audit.Timeline;

namespace Palisade.Audit.Detection;

/// <summary>
/// <c>palisade audit</c>: counts the events read, keeps the ones that can matter, puts their requests in
/// handling order with their stages merged, replays them from the initial state, and runs every rule on each
/// request. Not thread-safe.
/// </summary>
public sealed class AuditCheck(AuditCheckContext context, IReadOnlyList<IAuditRule> rules, ObjectStore initial, bool initialIsComplete)
{
    private readonly List<AuditEvent> _relevant = [];

    /// <summary>Events read (after unwrapping lists and cloud envelopes).</summary>
    public long Events { get; private set; }

    /// <summary>The context, whose alerts are raised as the requests are replayed.</summary>
    public AuditCheckContext Context => context;

    /// <summary>Takes one event.</summary>
    public void Add(AuditEvent e)
    {
        Events++;
        if (AuditReplay.IsRelevant(e))
            _relevant.Add(e);
    }

    /// <summary>Replays the requests and runs the rules; the result holds the alerts and the requests that changed the replayed state.</summary>
    public AuditCheckResult Run()
    {
        var replay = new AuditReplay(initial, initialIsComplete);
        var changes = new List<ReplayedRequest>();
        foreach (var e in RequestOrder.Merge(_relevant))
        {
            var request = replay.Apply(e);
            if (request.Writes.Count > 0)
                changes.Add(request);
            context.Observe(request);
            if (!request.Applied && (!context.ShowDenied || e.DryRun))
                continue;
            foreach (var rule in rules)
                rule.Observe(request, context);
        }
        return new AuditCheckResult(Events, context.Alerts, changes, replay.Current);
    }
}
