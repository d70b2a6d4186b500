using Palisade.Detection.Tests.Scenarios.Cluster;

namespace Palisade.Detection.Tests.Scenarios.Traffic;

/// <summary>One end of a connection, as the generator knows it (the flow files only carry its address).</summary>
public abstract record Peer
{
    /// <summary>The address records carry for this end.</summary>
    public abstract string Ip { get; }
}

/// <summary>A pod: alerts name its top owner, <c>ns/name[Kind]</c>.</summary>
public sealed record PodPeer(ClusterPod Pod) : Peer
{
    public override string Ip => Pod.Ip;
    public override string ToString() => Pod.ToString();
}

/// <summary>A node's InternalIP: alerts name it <c>node/NAME</c>.</summary>
public sealed record NodePeer(ClusterNode Node) : Peer
{
    public override string Ip => Node.Ip;
    public override string ToString() => Node.AlertName;
}

/// <summary>An address outside the cluster: alerts name it by the address.</summary>
public sealed record ExternalPeer(string Address) : Peer
{
    public override string Ip => Address;
    public override string ToString() => Address;
}

/// <summary>
/// A Service without pods (default/kubernetes): the contract names it by its cluster IP, like an external
/// peer, and keeps its own port since there is no target pod.
/// </summary>
public sealed record PodlessServicePeer(ClusterService Service) : Peer
{
    public override string Ip => Service.ClusterIp;
    public override string ToString() => Service.ClusterIp;
}
