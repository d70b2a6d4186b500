using Palisade.Net;
namespace Palisade.Connectivity;

/// <summary>The verdict for one ordered pair: the source's egress side and the destination's ingress side.</summary>
public sealed record PairVerdict(Endpoint Source, Endpoint Destination, DirectionVerdict Egress, DirectionVerdict Ingress)
{
    /// <summary>Allowed iff both sides allow it.</summary>
    public ConnectionSet Allowed => Egress.Allowed.Intersect(Ingress.Allowed);
}
