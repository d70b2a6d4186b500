using Palisade.Model;

namespace Palisade.Flows.Identity;

/// <summary>
/// A flow's destination after resolution: the peer, and the port the traffic reaches there (a Service's
/// target port when the flow was addressed to a Service), with the Service it went through, if any.
/// </summary>
public readonly record struct ResolvedEndpoint(FlowPeer Peer, int? Port, ServiceInfo? Service);
