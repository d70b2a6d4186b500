namespace Palisade.Connectivity;

/// <summary>The connectivity of a whole cluster: every in-cluster peer and every non-empty connection, sorted.</summary>
public sealed record ConnectivityReport(IReadOnlyList<Peer> Peers, IReadOnlyList<Connection> Connections)
{
    /// <summary>Peers, compared element by element.</summary>
    public IReadOnlyList<Peer> Peers { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Peers);

    /// <summary>Connections, compared element by element.</summary>
    public IReadOnlyList<Connection> Connections { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Connections);

    /// <summary>The endpoints each reported peer stands for (a workload's pods, or one external range).</summary>
    public IReadOnlyDictionary<Peer, IReadOnlyList<Endpoint>> Endpoints { get; init => field = ValueCollections.Map(value); } = new Dictionary<Peer, IReadOnlyList<Endpoint>>();

    /// <summary>Things worth telling the user that do not change the result, such as blocked ingress routes.</summary>
    public IReadOnlyList<string> Warnings { get; init => field = ValueCollections.List(value); } = [];
}
