using Palisade.Audit.Events;
using Palisade.Audit.Timeline;

namespace Palisade.Audit.Detection;

/// <summary>
/// <c>palisade audit</c>: counts the events read, passes the ones that can matter through the request order
/// (stages merged, handling order restored within its capacity), replays each request from the initial state
/// as it is released, and runs every rule on it. Memory is bounded by the order's capacity and, when asked to
/// keep them (for the history of the cluster), the requests that changed what the network model is built from.
/// Not thread-safe.
/// </summary>
public sealed class AuditCheck(AuditCheckContext context, IReadOnlyList<IAuditRule> rules, ObjectStore initial, bool initialIsComplete, bool keepChanges = true)
{
    private readonly RequestOrder _order = new();
    private readonly AuditReplay _replay = new(initial, initialIsComplete);
    private readonly List<ReplayedRequest> _changes = [];

    /// <summary>Events read (after unwrapping lists and cloud envelopes).</summary>
    public long Events { get; private set; }

    /// <summary>The context, whose alerts are raised as the requests are replayed.</summary>
    public AuditCheckContext Context => context;

    /// <summary>Takes one event.</summary>
    public void Add(AuditEvent e)
    {
        Events++;
        if (!AuditReplay.IsRelevant(e))
            return;
        foreach (var released in _order.Add(e))
            Process(released);
    }

    /// <summary>Requests that arrived after later ones had been replayed, and were replayed out of order.</summary>
    public long Late => _order.Late;

    /// <summary>Replays what is still waiting; the result holds the alerts and the requests that changed what the network model is built from.</summary>
    public AuditCheckResult Run()
    {
        foreach (var e in _order.Flush())
            Process(e);
        return new AuditCheckResult(Events, context.Alerts, _changes, _replay.Current);
    }

    private void Process(AuditEvent e)
    {
        var request = _replay.Apply(e);
        if (keepChanges && HistoryBuilder.ChangesNetwork(request))
            _changes.Add(request);
        context.Observe(request);
        if (!request.Applied && (!context.ShowDenied || e.DryRun))
            return;
        foreach (var rule in rules)
            rule.Observe(request, context);
    }
}
