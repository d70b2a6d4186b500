using System.Net;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Detectors;
using static Palisade.Core.Tests.Flows.ShopCluster;

namespace Palisade.Core.Tests.Flows.Detection;

/// <summary>
/// What a check does with records as a whole: flagged replies are dropped unjudged (and still counted when their
/// addresses could not be read), and a check that goes on over a longer history (the service's cluster changed)
/// keeps its detectors' state meaning the same peers.
/// </summary>
public sealed class FlowCheckTests
{
    [Fact]
    public void A_flagged_reply_raises_nothing_and_one_without_an_address_is_unresolved()
    {
        var check = new FlowCheck(new FlowCheckContext(History(Pod("db", "10.0.0.9"))), DetectorCatalog.Create());
        // A reply from the database to a public address: as a request it would be internet egress.
        check.Observe(Tcp("10.0.0.9", 5432, "8.8.8.8", 40000, reply: true));
        check.Observe(new FlowRecord { Time = Start, Destination = IPAddress.Parse("10.0.0.9"), Protocol = FlowProtocols.Tcp, IsReply = true });
        var result = check.Result();
        Assert.Empty(result.Alerts);
        Assert.Equal((2L, 1L), (result.Flows, result.Unresolved));
        check.Observe(Tcp("10.0.0.9", 40000, "8.8.8.8", 443));
        Assert.Equal(["internet-egress"], check.Result().Alerts.Select(a => a.Detector));
    }

    [Fact]
    public void Forwards_the_policy_denies_wait_for_a_drop_but_not_without_bound_when_flow_time_stands_still()
    {
        var denyAll = new Palisade.Policy.NetworkPolicy("shop", "deny", Palisade.Labels.LabelSelector.Everything) { PolicyTypes = [Palisade.Policy.PolicyDirection.Ingress] };
        var cluster = Palisade.Model.ClusterHistory.Static(new Palisade.Model.Cluster(new Palisade.Model.NetworkSnapshot(
            [new Palisade.Model.NamespaceInfo("shop", Palisade.Labels.LabelSet.Empty)], [Pod("web", "10.0.0.1"), Pod("db", "10.0.0.2")], [denyAll])));
        var check = new FlowCheck(new FlowCheckContext(cluster), DetectorCatalog.Create());
        // One connection's records, all at one time: the first and MaxLater - 1 more wait for a drop; the next releases them.
        for (var i = 0; i < UnconfirmedForwards.MaxLater; i++)
            check.Observe(Tcp("10.0.0.1", 40000, "10.0.0.2", 5432));
        Assert.Empty(check.Context.Alerts.Drafts);
        check.Observe(Tcp("10.0.0.1", 40000, "10.0.0.2", 5432));
        var violation = Assert.Single(check.Context.Alerts.Drafts.Select(d => d.ToAlert()));
        Assert.Equal(("policy-violation", 1L), (violation.Detector, violation.Count));
    }

    [Fact]
    public void A_scan_that_fired_before_the_history_grew_does_not_claim_another_pair()
    {
        static Palisade.Model.ClusterHistory Cluster() =>
            History(Pod("scanner", "10.0.0.1"), Pod("target", "10.0.0.2"), Pod("client", "10.0.0.3"), Pod("server", "10.0.0.4"));
        var check = new FlowCheck(new FlowCheckContext(Cluster()), DetectorCatalog.Create());
        for (var port = 1; port <= 25; port++)
            check.Observe(Tcp("10.0.0.1", 40000 + port, "10.0.0.2", port, port));
        check = check.Continue(check.Context.Extend(Cluster()));
        check.Observe(Tcp("10.0.0.3", 48080, "10.0.0.4", 8080, 30));
        var scans = check.Result().Alerts.Where(a => a.Detector == "port-scan").ToArray();
        Assert.Equal(["shop/scanner[Deployment] > shop/target[Deployment]"], scans.Select(a => $"{a.Source} > {a.Destination}"));
    }

    [Fact]
    public void Only_a_pod_talking_to_itself_is_exempt_not_a_replica_of_its_workload_and_not_across_a_longer_history()
    {
        static Palisade.Model.Pod Replica(string name, string address) =>
            new("shop", name, Palisade.Labels.LabelSet.From([new("app", "web")]), new Palisade.Model.WorkloadRef("shop", "web", "Deployment"))
            {
                Addresses = [IPAddress.Parse(address)],
            };
        static Palisade.Model.ClusterHistory Cluster() => Palisade.Model.ClusterHistory.Static(new Palisade.Model.Cluster(new Palisade.Model.NetworkSnapshot(
            [new Palisade.Model.NamespaceInfo("shop", Palisade.Labels.LabelSet.Empty)], [Replica("web-a", "10.0.0.1"), Replica("web-b", "10.0.0.2")],
            [new Palisade.Policy.NetworkPolicy("shop", "deny", Palisade.Labels.LabelSelector.Everything) { PolicyTypes = [Palisade.Policy.PolicyDirection.Ingress] }])));
        var check = new FlowCheck(new FlowCheckContext(Cluster()), DetectorCatalog.Create());
        check.Observe(Tcp("10.0.0.1", 40000, "10.0.0.1", 8080));
        // The same pod in a state of its own (other Pod objects): still itself.
        check = check.Continue(check.Context.Extend(Cluster()));
        check.Observe(Tcp("10.0.0.1", 40001, "10.0.0.1", 8080, 1));
        Assert.Empty(check.Result().Alerts);
        check.Observe(Tcp("10.0.0.1", 40002, "10.0.0.2", 8080, 2));
        var violation = Assert.Single(check.Result().Alerts);
        Assert.Equal(("policy-violation", "shop/web[Deployment]", "shop/web[Deployment]"), (violation.Detector, violation.Source, violation.Destination));
    }
}
