using System.Net;
using Palisade.Labels;
using Palisade.Net;

namespace Palisade.Model;

/// <summary>A node: its name, addresses (InternalIP, ExternalIP) and pod address ranges. Immutable.</summary>
public sealed record NodeInfo(string Name)
{
    /// <summary>status.addresses of type InternalIP and ExternalIP.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>spec.podCIDRs (or spec.podCIDR).</summary>
    public IReadOnlyList<IpRange> PodCidrs { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The node's labels.</summary>
    public LabelSet Labels { get; init; } = LabelSet.Empty;

    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }
}
