using System.Net;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Detectors;
using Palisade.Labels;
using Palisade.Model;

namespace Palisade.Core.Tests.Flows.Detection;

/// <summary>Records flagged as replies are dropped unjudged, and still counted when their addresses could not be read.</summary>
public sealed class FlowCheckRepliesTests
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static FlowCheck Check() => new(new FlowCheckContext(ClusterHistory.Static(new Cluster(new NetworkSnapshot(
        [new NamespaceInfo("shop", LabelSet.Empty)],
        [new Pod("shop", "db", LabelSet.From([new("app", "db")]), new WorkloadRef("shop", "db", "Deployment")) { Addresses = [IPAddress.Parse("10.0.0.9")] }],
        [])))), DetectorCatalog.Create());

    [Fact]
    public void A_flagged_reply_raises_nothing_and_one_without_an_address_is_unresolved()
    {
        var check = Check();
        // A reply from the database to a public address: as a request it would be internet egress.
        check.Observe(new FlowRecord
        {
            Time = Start, Source = IPAddress.Parse("10.0.0.9"), Destination = IPAddress.Parse("8.8.8.8"), SourcePort = 5432, DestinationPort = 40000,
            Protocol = FlowProtocols.Tcp, Verdict = FlowVerdict.Forwarded, IsReply = true,
        });
        check.Observe(new FlowRecord { Time = Start, Destination = IPAddress.Parse("10.0.0.9"), Protocol = FlowProtocols.Tcp, IsReply = true });
        var result = check.Result();
        Assert.Empty(result.Alerts);
        Assert.Equal((2L, 1L), (result.Flows, result.Unresolved));
        check.Observe(new FlowRecord
        {
            Time = Start, Source = IPAddress.Parse("10.0.0.9"), Destination = IPAddress.Parse("8.8.8.8"), SourcePort = 40000, DestinationPort = 443,
            Protocol = FlowProtocols.Tcp, Verdict = FlowVerdict.Forwarded, IsReply = false,
        });
        Assert.Equal(["internet-egress"], check.Result().Alerts.Select(a => a.Detector));
    }
}
