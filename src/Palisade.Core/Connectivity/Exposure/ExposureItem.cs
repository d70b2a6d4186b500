using Palisade.Policy;
using Palisade.Net;

namespace Palisade.Connectivity.Exposure;

/// <summary>
/// One exposure line: a workload, a direction, the peer it is open to (a representative, an external
/// range, or <c>entire-cluster</c>) and on what.
/// </summary>
public sealed record ExposureItem(Peer Workload, PolicyDirection Direction, string Other, ConnectionSet Connections);
