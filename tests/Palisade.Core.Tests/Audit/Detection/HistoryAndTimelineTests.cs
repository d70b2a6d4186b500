using System.Text.Json.Nodes;
using Palisade.Audit.Detection;
using Palisade.Audit.Timeline;
using Palisade.Model;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detection;

/// <summary>
/// The cluster's history an audit replay yields (for <c>connectivity --at</c> and <c>flows check --audit</c>) and
/// <c>palisade timeline</c>'s entries: one state and one entry per change to what the network is built from.
/// </summary>
public sealed class HistoryAndTimelineTests
{
    private const string Db = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data"},"spec":{"podSelector":{},"policyTypes":["Ingress"]}}
        """;
    private const string Pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"shop","labels":{"app":"web"}},"spec":{"containers":[{"name":"c"}]}}""";

    /// <summary>Names each state by the objects it was built from, and counts the builds.</summary>
    private sealed class NamingModel : INetworkModel
    {
        public List<string> Built { get; } = [];

        public Cluster Build(ObjectStore store)
        {
            Built.Add(string.Join(",", store.Objects.Select(o => o.Key.ToString()).Order(StringComparer.Ordinal)));
            return new ClusterBuilder(DuplicateRule.Reject).Build();
        }

        public ClusterObject? Map(JsonNode body) => null;

        public Pod? Pod(JsonNode body, ObjectStore store) => null;
    }

    private static readonly string[] Log =
    [
        Event("patch", "pods", "shop", "web", request: """{"metadata":{"labels":{"app":"api"}}}""", level: "Request", user: "alice", at: "03:00"),
        Event("create", "clusterrolebindings", name: "ops", request: """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"ops"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},"subjects":[]}""", at: "03:05"),
        Event("update", "networkpolicies", "data", "db", level: "Metadata", user: "bob", at: "03:10"),
        Event("delete", "networkpolicies", "data", "db", code: 404, at: "03:12"),
        Event("delete", "pods", "shop", "web", user: "carol", at: "03:15"),
    ];

    private static (AuditCheckResult Result, ClusterHistory History, NamingModel Model, AuditCheckContext Context) Replay(IChangeEvaluator? evaluator = null)
    {
        var model = new NamingModel();
        var initial = Store(Db, Pod);
        var context = new AuditCheckContext(new HashSet<string>(), evaluator);
        var (result, history) = AuditRun.Run(Replaying.Events(Log), new AuditStart(new ClusterBuilder(DuplicateRule.Reject).Build(), initial, true, model), [], context);
        return (result, history, model, context);
    }

    [Fact]
    public void Each_network_change_begins_a_state_with_its_cause()
    {
        var (_, history, _, _) = Replay();
        Assert.Equal(4, history.States.Count);
        Assert.Equal(DateTimeOffset.MinValue, history.States[0].From);
        Assert.Null(history.States[0].Cause);
        Assert.Equal(
            [
                new ClusterChange(DateTimeOffset.Parse("2024-05-01T03:00:00Z"), "alice", "patch", "Pod shop/web") { TimeText = "2024-05-01T03:00:00Z" },
                new ClusterChange(DateTimeOffset.Parse("2024-05-01T03:10:00Z"), "bob", "update", "NetworkPolicy data/db") { TimeText = "2024-05-01T03:10:00Z" },
                new ClusterChange(DateTimeOffset.Parse("2024-05-01T03:15:00Z"), "carol", "delete", "Pod shop/web") { TimeText = "2024-05-01T03:15:00Z" },
            ],
            history.States.Skip(1).Select(s => s.Cause!));
    }

    [Fact]
    public void A_state_says_which_objects_are_unknown_in_it()
    {
        var (_, history, _, _) = Replay();
        Assert.Equal([[], [], ["NetworkPolicy data/db"], ["NetworkPolicy data/db"]], history.States.Select(s => s.Unknown.ToArray()));
    }

    [Fact]
    public void States_are_built_when_asked_from_the_objects_of_their_moment()
    {
        var (_, history, model, _) = Replay();
        Assert.Empty(model.Built);
        _ = history.States[history.IndexAt(DateTimeOffset.Parse("2024-05-01T03:12:00Z").UtcTicks)].Cluster;
        _ = history.States[history.IndexAt(DateTimeOffset.Parse("2024-05-01T03:00:00Z").UtcTicks)].Cluster;
        // At 03:12 the policy is unknown (so left out) and the failed delete changed nothing; at 03:00 the patch is in
        // force and the binding (03:05, not a network change) not yet written.
        Assert.Equal(["ClusterRoleBinding ops,Pod shop/web", "NetworkPolicy data/db,Pod shop/web"], model.Built);
    }

    [Fact]
    public void The_timeline_lists_every_network_change_and_says_when_its_effect_is_unknown()
    {
        var evaluator = new FixedEvaluator("a/x[Pod] => b/y[Pod] : TCP 80", "shop/web[Pod] => data/db[Pod] : TCP 5432");
        var (result, _, _, context) = Replay(evaluator);
        var entries = PolicyTimeline.Build(result, context);
        Assert.Equal(["alice patch Pod shop/web", "bob update NetworkPolicy data/db", "carol delete Pod shop/web"],
            entries.Select(e => $"{e.User} {e.Verb} {e.Object}"));
        Assert.Equal(DateTimeOffset.Parse("2024-05-01T03:00:00Z"), entries[0].Time);
        Assert.Equal(["a/x[Pod] => b/y[Pod] : TCP 80", "shop/web[Pod] => data/db[Pod] : TCP 5432"], entries[0].Change!.Opened);
        Assert.Empty(entries[0].Change!.UnknownNamespaces);
        Assert.Null(entries[1].Change);
        // The pod's deletion is known, but the policy in force in data is not: what it did to data's pods depends on it.
        Assert.Equal(["a/x[Pod] => b/y[Pod] : TCP 80"], entries[2].Change!.Opened);
        Assert.Equal(["data"], entries[2].Change!.UnknownNamespaces);
        Assert.Equal(2, evaluator.Calls);
    }

    [Fact]
    public void Without_a_cluster_model_what_a_change_did_is_unknown()
    {
        var (result, _, _, context) = Replay(evaluator: null);
        Assert.All(PolicyTimeline.Build(result, context), e => Assert.Null(e.Change));
    }

    [Fact]
    public void The_state_in_force_at_an_instant_includes_a_change_received_at_that_instant()
    {
        var (_, history, _, _) = Replay();
        Assert.Equal(0, history.IndexAt(DateTimeOffset.Parse("2024-05-01T02:59:59.999999Z").UtcTicks));
        Assert.Equal(1, history.IndexAt(DateTimeOffset.Parse("2024-05-01T03:00:00Z").UtcTicks));
        Assert.Equal(1, history.IndexAt(DateTimeOffset.Parse("2024-05-01T03:09:59Z").UtcTicks));
        Assert.Equal(3, history.IndexAt(DateTimeOffset.Parse("2024-05-02T00:00:00Z").UtcTicks));
    }
}
