using Palisade.Net;

namespace Palisade.Connectivity.Edge;

/// <summary>
/// Per workload, what crosses the cluster edge according to the connectivity report: connections in from
/// external addresses, in from the ingress controller, and out to external addresses (per range).
/// </summary>
public sealed class ExternalReach
{
    private readonly Dictionary<Peer, ConnectionSet> _fromExternal = [];
    private readonly Dictionary<Peer, ConnectionSet> _fromIngressController = [];
    private readonly Dictionary<Peer, List<Connection>> _toExternal = [];

    /// <summary>Indexes the report's connections that have an external or ingress-controller end.</summary>
    public ExternalReach(ConnectivityReport report)
        : this(report.Connections)
    {
    }

    /// <summary>Indexes the lines that have an external or ingress-controller end, read once.</summary>
    public ExternalReach(IEnumerable<Connection> connections)
    {
        foreach (var connection in connections)
        {
            if (connection.Source.Equals(Peer.IngressController))
                Add(_fromIngressController, connection.Destination, connection.Connections);
            else if (connection.Source is ExternalPeer)
                Add(_fromExternal, connection.Destination, connection.Connections);
            else if (connection.Destination is ExternalPeer)
            {
                if (!_toExternal.TryGetValue(connection.Source, out var list))
                    _toExternal[connection.Source] = list = [];
                list.Add(connection);
            }
        }
    }

    /// <summary>What some external address can open to the workload.</summary>
    public ConnectionSet FromExternal(Peer workload) => _fromExternal.GetValueOrDefault(workload, ConnectionSet.None);

    /// <summary>What the ingress controller can open to the workload (through an Ingress or Route).</summary>
    public ConnectionSet FromIngressController(Peer workload) => _fromIngressController.GetValueOrDefault(workload, ConnectionSet.None);

    /// <summary>The workload's connections to external address ranges.</summary>
    public IReadOnlyList<Connection> ToExternal(Peer workload) =>
        _toExternal.TryGetValue(workload, out var list) ? list : [];

    private static void Add(Dictionary<Peer, ConnectionSet> map, Peer peer, ConnectionSet connections) =>
        map[peer] = map.TryGetValue(peer, out var existing) ? existing.Union(connections) : connections;
}
