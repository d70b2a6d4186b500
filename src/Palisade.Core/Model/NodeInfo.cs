using System.Net;
using Palisade.Labels;
using Palisade.Net;

namespace Palisade.Model;

/// <summary>A node: its name, addresses (InternalIP, ExternalIP), interface addresses and pod address ranges. Immutable.</summary>
public sealed record NodeInfo(string Name)
{
    /// <summary>status.addresses of type InternalIP and ExternalIP.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>
    /// Addresses of the node's own network interfaces beyond <see cref="Addresses"/>, as its CNI announces them on the
    /// Node (tunnel, router and bridge devices: Calico's tunnel addresses, Cilium's cilium_host, flannel's VTEP): the
    /// node sends from them to pods, so traffic from them is the node's.
    /// </summary>
    public IReadOnlyList<IPAddress> InterfaceAddresses { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>spec.podCIDRs (or spec.podCIDR).</summary>
    public IReadOnlyList<IpRange> PodCidrs { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The node's labels.</summary>
    public LabelSet Labels { get; init; } = LabelSet.Empty;

    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }
}
