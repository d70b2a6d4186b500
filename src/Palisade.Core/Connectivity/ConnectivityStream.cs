namespace Palisade.Connectivity;

/// <summary>
/// The connectivity of a whole cluster, its lines produced again on each enumeration of
/// <see cref="Connections"/>, sorted by source then destination: memory does not grow with the output.
/// <see cref="ToReport"/> keeps them all, for the analyses that look at lines more than once.
/// </summary>
public sealed class ConnectivityStream
{
    private readonly Func<IEnumerable<Connection>> _connections;
    private readonly Func<IReadOnlySet<Peer>, Action<int>?, IEnumerable<Connection>>? _edgeLines;
    private int _enumerating;

    /// <summary>A stream whose lines the function produces, once per call.</summary>
    public ConnectivityStream(IReadOnlyList<Peer> peers, Func<IEnumerable<Connection>> connections)
    {
        Peers = peers;
        _connections = connections;
    }

    /// <summary>A stream whose producer also gives its edge lines (<see cref="EdgeLines"/>) without producing the others.</summary>
    internal ConnectivityStream(IReadOnlyList<Peer> peers, Func<IEnumerable<Connection>> connections,
        Func<IReadOnlySet<Peer>, Action<int>?, IEnumerable<Connection>> edgeLines) : this(peers, connections) => _edgeLines = edgeLines;

    /// <summary>A stream over a report's lines.</summary>
    public static ConnectivityStream Of(ConnectivityReport report) =>
        new(report.Peers, () => report.Connections) { Endpoints = report.Endpoints, Warnings = report.Warnings };

    /// <summary>Every in-cluster peer, sorted.</summary>
    public IReadOnlyList<Peer> Peers { get; }

    /// <summary>The endpoints each reported peer stands for (a workload's pods, or one external range).</summary>
    public IReadOnlyDictionary<Peer, IReadOnlyList<Endpoint>> Endpoints { get; init; } = new Dictionary<Peer, IReadOnlyList<Endpoint>>();

    /// <summary>Things worth telling the user that do not change the result, such as blocked ingress routes.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// Every non-empty connection, sorted by source then destination, computed as it is read. The producer
    /// reuses its scratch space, so one stream is read by one reader at a time.
    /// </summary>
    public IEnumerable<Connection> Connections
    {
        get
        {
            if (Interlocked.Exchange(ref _enumerating, 1) == 1)
                throw new InvalidOperationException("the connectivity stream is already being read");
            try
            {
                foreach (var connection in _connections())
                    yield return connection;
            }
            finally
            {
                Volatile.Write(ref _enumerating, 0);
            }
        }
    }

    /// <summary>
    /// Of the lines <see cref="Connections"/> gives, those from external ranges and the ingress controller and those into
    /// <paramref name="into"/>, in the same order: what the posture checks read of a cluster. Once they are all read,
    /// <paramref name="counted"/> gets the number of lines the whole stream has, which the analyser's stream counts per
    /// identity class instead of producing the other lines.
    /// </summary>
    public IEnumerable<Connection> EdgeLines(IReadOnlySet<Peer> into, Action<int>? counted = null)
    {
        if (_edgeLines is not null)
            return _edgeLines(into, counted);
        return Filtered(Connections, into, counted);
    }

    private static IEnumerable<Connection> Filtered(IEnumerable<Connection> lines, IReadOnlySet<Peer> into, Action<int>? counted)
    {
        var count = 0;
        foreach (var line in lines)
        {
            count++;
            if (line.Source is ExternalPeer || line.Source.Equals(Peer.IngressController) || into.Contains(line.Destination))
                yield return line;
        }
        counted?.Invoke(count);
    }

    /// <summary>The report with every line kept.</summary>
    public ConnectivityReport ToReport() => new(Peers, Connections.ToList()) { Endpoints = Endpoints, Warnings = Warnings };
}
