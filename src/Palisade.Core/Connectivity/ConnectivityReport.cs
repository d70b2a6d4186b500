namespace Palisade.Connectivity;

/// <summary>The connectivity of a whole cluster: every in-cluster peer and every non-empty connection, sorted.</summary>
public sealed record ConnectivityReport(IReadOnlyList<Peer> Peers, IReadOnlyList<Connection> Connections);
