using Palisade.Flows;
using Palisade.Flows.Identity;
using Palisade.Model;
using static Palisade.Core.Tests.Flows.ShopCluster;

namespace Palisade.Core.Tests.Flows.Identity;

/// <summary>What the resolver keeps per address never changes an answer: flows read in any time order resolve as a fresh resolver would.</summary>
public sealed class ClusterEndpointResolverTests
{
    private static Pod Holder(string name, int createdMinutes, bool terminated) =>
        Pod(name, "10.0.0.7") with { Created = Start.AddMinutes(createdMinutes), Terminated = terminated };

    private static FlowRecord To(int minutes) => Tcp("192.0.2.1", 40000, "10.0.0.7", 8080, minutes * 60);

    [Fact]
    public void Overlapping_holders_resolve_alike_whatever_the_order_of_the_flows()
    {
        // Two finished pods and the running one held the address: their holdings overlap while the first finished
        // pod's interval runs on, and the first holding containing a time decides.
        var history = History(Holder("first", 10, true), Holder("second", 20, true), Holder("running", 5, false));
        var shared = new ClusterEndpointResolver(history);
        int[] minutes = [25, 10, 2, 30, 15, 21, 19, 6, 40, 5, 20];
        foreach (var minute in minutes)
        {
            var expected = new ClusterEndpointResolver(history).Destination(To(minute), 0)!.Value.Peer.Name;
            Assert.Equal(expected, shared.Destination(To(minute), 0)!.Value.Peer.Name);
        }
        Assert.Equal("shop/first[Deployment]", shared.Destination(To(10), 0)!.Value.Peer.Name);
        Assert.Equal("shop/running[Deployment]", shared.Destination(To(25), 0)!.Value.Peer.Name);
    }
}
