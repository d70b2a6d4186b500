using Palisade.Detection.Tests.Scenarios.Audit.Log;

namespace Palisade.Detection.Tests.Scenarios.Audit.Wrappers;

/// <summary>One stage of one request, in the order the log file holds it.</summary>
public sealed record LoggedEvent(AuditRequest Request, string Stage)
{
    public DateTimeOffset Time => AuditEventJson.StageTime(Request, Stage);

    /// <summary>
    /// The events in file order: by stage time, then a seeded local shuffle (a tenth of the events move up to
    /// four places), so the file is out of order and only requestReceivedTimestamp orders requests.
    /// </summary>
    public static IReadOnlyList<LoggedEvent> InFileOrder(IEnumerable<AuditRequest> requests, int seed)
    {
        var events = requests.SelectMany(r => r.Stages.Select(s => new LoggedEvent(r, s)))
            .OrderBy(e => e.Time).ThenBy(e => e.Request.AuditId, StringComparer.Ordinal).ToList();
        var random = ScenarioSeed.Random(seed);
        for (var i = 0; i < events.Count; i++)
        {
            if (random.Next(10) != 0)
                continue;
            var j = Math.Min(events.Count - 1, i + 1 + random.Next(4));
            (events[i], events[j]) = (events[j], events[i]);
        }
        return events;
    }
}
