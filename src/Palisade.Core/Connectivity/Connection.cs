using Palisade.Net;
namespace Palisade.Connectivity;

/// <summary>One reported line: the connections allowed from one peer to another.</summary>
public sealed record Connection(Peer Source, Peer Destination, ConnectionSet Connections);
