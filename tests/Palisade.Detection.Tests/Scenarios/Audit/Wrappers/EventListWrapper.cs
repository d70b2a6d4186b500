using System.Text.Json.Nodes;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Wrappers;

/// <summary>The webhook backend's body: one audit.k8s.io/v1 EventList document holding every stage.</summary>
public sealed class EventListWrapper : AuditWrapper
{
    public override string Id => "eventlist";
    public override string FileName => "eventlist.json";

    public override string Write(IReadOnlyList<LoggedEvent> events) =>
        Obj(("kind", "EventList"), ("apiVersion", "audit.k8s.io/v1"), ("metadata", new JsonObject()),
            ("items", Arr(events.Select(e => (JsonNode?)AuditEventJson.Event(e.Request, e.Stage))))).ToJsonString(Indented) + "\n";

    public override int EventCount(IReadOnlyList<LoggedEvent> events) => events.Count;
}
