using Palisade.Audit.Detection;
using System.Text.Json.Nodes;
using Palisade.Audit.Timeline;
using Palisade.Model;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Timeline;

/// <summary>
/// The API servers of a highly available control plane stamp requests with their own clocks, which differ by up to a
/// second: a write received by the server whose clock is behind can carry an earlier time than the write before it. The
/// revision a write produced (etcd's, one sequence for every server) says which came first.
/// </summary>
public sealed class ClockSkewTests
{
    private const string Opened = "shop/web[Deployment] => data/db[StatefulSet] : TCP 5432";

    private static string Policy(string ingress, string resourceVersion) =>
        $$$"""{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data","resourceVersion":"{{{resourceVersion}}}"},"spec":{"podSelector":{},"policyTypes":["Ingress"],"ingress":{{{ingress}}}}}""";

    [Fact]
    public void A_patch_stamped_before_the_create_it_follows_is_applied_after_it()
    {
        // Server 1's clock is ahead: the create it served carries 03:00:01; server 2 then patched at its 03:00:00.6.
        var create = Event("create", "networkpolicies", "data", request: Policy("[]", ""), response: Policy("[]", "100"), at: "03:00:01.000000");
        var patch = Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", response: Policy("[{}]", "101"), at: "03:00:00.600000");

        var result = Run([create, patch], Store(), context: new AuditCheckContext(new HashSet<string>(), new FixedEvaluator(Opened)));

        Assert.Equal(["create", "patch"], result.Alerts.Select(a => a.Verb));
        Assert.Equal("2024-05-01T03:00:00.600000Z", result.Alerts[1].TimeText);
        Assert.Equal([Opened], result.Alerts[1].Opened);
        Assert.Equal("mallory patched NetworkPolicy data/db; it opened 1 connection", result.Alerts[1].Message);
    }

    [Fact]
    public void Without_revisions_a_patch_stamped_before_the_create_of_its_object_is_applied_after_it()
    {
        var create = Event("create", "networkpolicies", "data", request: Policy("[]", ""), level: "Request", code: 201, at: "03:00:01.000000");
        var patch = Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", level: "Request", at: "03:00:00.600000");
        var status = Event("patch", "pods", "shop", "web", subresource: "status", request: """{"status":{"podIP":"10.0.0.9"}}""", level: "Request", at: "03:00:00.700000");
        var binding = Event("create", "pods", "shop", "web", subresource: "binding", level: "Request", code: 201, at: "03:00:01.000000");

        var result = Run([create, patch, status, binding], Store(), context: new AuditCheckContext(new HashSet<string>(), new FixedEvaluator(Opened)));

        Assert.Equal(["create", "patch"], result.Alerts.Select(a => a.Verb));
        Assert.Equal([Opened], result.Alerts[1].Opened);
    }

    [Fact]
    public void A_patch_before_a_delete_and_create_of_its_object_keeps_its_place()
    {
        // kubectl replace --force: the patch found the old policy, which was then deleted and created again.
        var patch = Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", level: "Request", at: "03:00:00.000000");
        var delete = Event("delete", "networkpolicies", "data", "db", level: "Request", at: "03:00:01.000000");
        var create = Event("create", "networkpolicies", "data", request: Policy("[]", ""), level: "Request", code: 201, at: "03:00:02.000000");

        var result = Run([patch, delete, create], Store(Policy("[]", "7")), context: new AuditCheckContext(new HashSet<string>(), new FixedEvaluator(Opened)));

        Assert.Equal(["patch", "delete", "create"], result.Alerts.Select(a => a.Verb));
    }

    [Fact]
    public void The_history_of_a_write_replayed_after_a_later_stamped_one_begins_when_that_one_does()
    {
        var create = Event("create", "networkpolicies", "data", request: Policy("[]", ""), response: Policy("[]", "100"), at: "03:00:01.000000");
        var patch = Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", response: Policy("[{}]", "101"), at: "03:00:00.600000");
        var start = new AuditStart(new ClusterBuilder(DuplicateRule.Reject).Build(), Store(), true, new EmptyModel());

        var (_, history) = AuditRun.Run(Replaying.Events(create, patch), start, [], new AuditCheckContext(new HashSet<string>()));

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
