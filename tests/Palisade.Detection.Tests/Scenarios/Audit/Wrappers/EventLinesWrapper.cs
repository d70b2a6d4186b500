using System.Text;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Wrappers;

/// <summary>The log backend (--audit-log-path): one Event per line, every stage.</summary>
public sealed class EventLinesWrapper : AuditWrapper
{
    public override string Id => "events";
    public override string FileName => "audit.log";

    public override string Write(IReadOnlyList<LoggedEvent> events)
    {
        var text = new StringBuilder();
        foreach (var e in events)
            text.Append(Line(AuditEventJson.Event(e.Request, e.Stage))).Append('\n');
        return text.ToString();
    }

    public override int EventCount(IReadOnlyList<LoggedEvent> events) => events.Count;
}
