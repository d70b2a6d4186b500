using System.Text.Json.Nodes;
using Palisade.Audit.Timeline;
using Palisade.Model;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Timeline;

/// <summary>
/// The API servers of a highly available control plane stamp requests with their own clocks, and a request can come late
/// in a long log: a write replayed after one stamped later still makes a history whose states follow one another.
/// </summary>
public sealed class ClockSkewTests
{
    private static string Policy(string ingress, string resourceVersion) =>
        $$$"""{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data","resourceVersion":"{{{resourceVersion}}}"},"spec":{"podSelector":{},"policyTypes":["Ingress"],"ingress":{{{ingress}}}}}""";

    [Fact]
    public void The_history_of_a_write_replayed_after_a_later_stamped_one_begins_when_that_one_does()
    {
        // Requests are replayed in time order, up to a bound: one that came later than that bound is replayed as it comes.
        var events = Replaying.Events(
            Event("create", "networkpolicies", "data", request: Policy("[]", ""), response: Policy("[]", "100"), at: "03:00:01.000000"),
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", response: Policy("[{}]", "101"), at: "03:00:00.600000"));
        var key = new ObjectKey("NetworkPolicy", "data", "db");
        var requests = events.Select(e => new ReplayedRequest(e, "NetworkPolicy data/db", key)
        {
            Applied = true,
            Writes = [new ObjectWrite(key, null, JsonNode.Parse(Policy("[]", "1")), true, true)],
        });

        var history = HistoryBuilder.Build(new ClusterBuilder(DuplicateRule.Reject).Build(), requests, new EmptyModel());

        Assert.Equal(3, history.States.Count);
        Assert.Equal(["create", "patch"], history.States.Skip(1).Select(s => s.Cause!.Verb));
        Assert.Equal(DateTimeOffset.Parse("2024-05-01T03:00:01Z"), history.States[2].From);
        Assert.Equal("2024-05-01T03:00:00.600000Z", history.States[2].Cause!.TimeText);
    }

    private sealed class EmptyModel : INetworkModel
    {
        public Cluster Build(ObjectStore store) => new ClusterBuilder(DuplicateRule.Reject).Build();

        public ClusterObject? Map(JsonNode body) => null;

        public Pod? Pod(JsonNode body, ObjectStore store) => null;
    }
}
