using Palisade.Net;
namespace Palisade.Connectivity.Reachability;

/// <summary>A line of the connectivity report that an update changed: its connections before and after (None when absent).</summary>
public sealed record ConnectivityChange(Peer Source, Peer Destination, ConnectionSet Before, ConnectionSet After);
