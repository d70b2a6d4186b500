using System.Net;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Detectors;
using Palisade.Labels;
using Palisade.Model;

namespace Palisade.Core.Tests.Flows.Detection;

/// <summary>A check that goes on over a longer history (the service's cluster changed) keeps its detectors' state meaning the same peers.</summary>
public sealed class FlowCheckContinueTests
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static Pod Pod(string name, string address) =>
        new("shop", name, LabelSet.From([new("app", name)]), new WorkloadRef("shop", name, "Deployment")) { Addresses = [IPAddress.Parse(address)] };

    private static ClusterHistory History() => ClusterHistory.Static(new Cluster(new NetworkSnapshot(
        [new NamespaceInfo("shop", LabelSet.Empty)],
        [Pod("scanner", "10.0.0.1"), Pod("target", "10.0.0.2"), Pod("client", "10.0.0.3"), Pod("server", "10.0.0.4")], [])));

    private static FlowRecord Flow(string from, string to, int port, int second) => new()
    {
        Time = Start.AddSeconds(second),
        Source = IPAddress.Parse(from),
        Destination = IPAddress.Parse(to),
        SourcePort = 40000 + port,
        DestinationPort = port,
        Protocol = FlowProtocols.Tcp,
        Verdict = FlowVerdict.Forwarded,
        IsReply = false,
    };

    [Fact]
    public void A_scan_that_fired_before_the_history_grew_does_not_claim_another_pair()
    {
        var check = new FlowCheck(new FlowCheckContext(History()), DetectorCatalog.Create());
        for (var port = 1; port <= 25; port++)
            check.Observe(Flow("10.0.0.1", "10.0.0.2", port, port));
        check = check.Continue(check.Context.Extend(History()));
        check.Observe(Flow("10.0.0.3", "10.0.0.4", 8080, 30));
        var scans = check.Result().Alerts.Where(a => a.Detector == "port-scan").ToArray();
        Assert.Equal(["shop/scanner[Deployment] > shop/target[Deployment]"], scans.Select(a => $"{a.Source} > {a.Destination}"));
    }
}
