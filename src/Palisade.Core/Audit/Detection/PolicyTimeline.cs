using Palisade.Audit.Timeline;

namespace Palisade.Audit.Detection;

/// <summary><c>palisade timeline</c>: every allowed write to what the network model is built from, with the connections it opened and closed.</summary>
public static class PolicyTimeline
{
    /// <summary>The entries of the replay's changes, in order; changes that altered no connection are kept (a relabel that opened nothing is still a change).</summary>
    public static IReadOnlyList<TimelineEntry> Build(AuditCheckResult result, AuditCheckContext context)
    {
        var entries = new List<TimelineEntry>();
        foreach (var request in result.Changes)
        {
            if (!HistoryBuilder.ChangesNetwork(request))
                continue;
            var e = request.Event;
            entries.Add(new TimelineEntry(e.RequestReceived, e.User.Username, e.Verb, request.ObjectText, context.ChangeOf(request)) { TimeText = e.RequestReceivedText });
        }
        return entries;
    }
}
