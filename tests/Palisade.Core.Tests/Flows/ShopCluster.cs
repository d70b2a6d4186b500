using System.Net;
using Palisade.Flows;
using Palisade.Labels;
using Palisade.Model;

namespace Palisade.Core.Tests.Flows;

/// <summary>Small clusters of Deployments in namespace <c>shop</c>, and TCP flow records between addresses, for the flow tests.</summary>
internal static class ShopCluster
{
    /// <summary>When the flows of a test start.</summary>
    public static readonly DateTimeOffset Start = new(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The pod of Deployment shop/NAME (labelled app=NAME) at the address.</summary>
    public static Pod Pod(string name, string address) =>
        new("shop", name, LabelSet.From([new("app", name)]), new WorkloadRef("shop", name, "Deployment")) { Addresses = [IPAddress.Parse(address)] };

    /// <summary>A cluster of these pods that never changes.</summary>
    public static ClusterHistory History(params Pod[] pods) =>
        ClusterHistory.Static(new Cluster(new NetworkSnapshot([new NamespaceInfo("shop", LabelSet.Empty)], pods, [])));

    /// <summary>A forwarded TCP request, <paramref name="seconds"/> after <see cref="Start"/>.</summary>
    public static FlowRecord Tcp(string from, int fromPort, string to, int toPort, double seconds = 0, bool? reply = false) => new()
    {
        Time = Start.AddSeconds(seconds),
        Source = IPAddress.Parse(from),
        Destination = IPAddress.Parse(to),
        SourcePort = fromPort,
        DestinationPort = toPort,
        Protocol = FlowProtocols.Tcp,
        Verdict = FlowVerdict.Forwarded,
        IsReply = reply,
    };
}
