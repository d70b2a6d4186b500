using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Labels;

/// <summary>How the contract names an end of a connection, and how new-connection keys it.</summary>
public static class Names
{
    /// <summary>
    /// A pod (reached directly or through its Service) is its workload, a node is <c>node/NAME</c>, anything
    /// else is its address, a Service without pods included.
    /// </summary>
    public static string Of(Peer peer) => peer switch
    {
        PodPeer p => p.Pod.Workload.AlertName,
        NodePeer n => n.Node.AlertName,
        _ => peer.Ip,
    };

    /// <summary>new-connection's key for an end: workloads (and nodes) by name, external peers by /24.</summary>
    public static string BaselineKey(Peer peer) => peer switch
    {
        PodPeer or NodePeer => Of(peer),
        _ => AddressClass.Slash24(peer.Ip),
    };

    /// <summary>Whether the end is external by the contract (named by its address).</summary>
    public static bool IsExternal(Peer peer) => peer is ExternalPeer or PodlessServicePeer;
}
