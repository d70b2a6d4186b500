using Palisade.Connectivity;
using Palisade.Connectivity.Edge;

namespace Palisade.Posture;

/// <summary>
/// What the checks keep of the connectivity lines, read in one pass without keeping them: what crosses the cluster edge
/// per workload, and what reaches each workload listening on a well-known port from outside its namespace
/// (<see cref="ListenerReach"/>). <see cref="Lines"/> is how many lines the cluster has (0 when a context only compared
/// did not count them).
/// </summary>
internal sealed record EdgeLines(ExternalReach Reach, HashSet<Peer> Listeners, Dictionary<Peer, ListenerReach> Inbound, int Lines);
