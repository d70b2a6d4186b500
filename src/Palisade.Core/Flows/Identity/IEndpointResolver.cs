namespace Palisade.Flows.Identity;

/// <summary>
/// Resolves a flow's addresses to cluster identities at the flow's time: the pod that held the address
/// then, a Service's pods (with the Service's target port), a node, or an external address.
/// Implementations are safe for use by one thread at a time.
/// </summary>
public interface IEndpointResolver
{
    /// <summary>
    /// The flow's source and the port it sent from (a Service's target port when the address is a Service's:
    /// only replies come from one); null when its address could not be parsed.
    /// </summary>
    ResolvedEndpoint? Source(FlowRecord record, int state);

    /// <summary>The flow's destination and the port reached there; null when its address could not be parsed.</summary>
    ResolvedEndpoint? Destination(FlowRecord record, int state);

    /// <summary>Whether the peer is an address outside the cluster that is public (not private, special or the cluster's own).</summary>
    bool IsPublic(FlowPeer peer);
}
