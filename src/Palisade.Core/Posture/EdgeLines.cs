using Palisade.Connectivity;
using Palisade.Connectivity.Edge;

namespace Palisade.Posture;

/// <summary>
/// What the checks keep of the connectivity lines, read in one pass without keeping them all: what crosses the
/// cluster edge per workload, and the lines into the workloads listening on a well-known port (in report order).
/// <see cref="Lines"/> counts the lines the pass read (0 when they were not all read).
/// </summary>
internal sealed record EdgeLines(ExternalReach Reach, HashSet<Peer> Listeners, Dictionary<Peer, List<Connection>> Inbound, int Lines);
