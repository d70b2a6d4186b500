using Palisade.Net;

namespace Palisade.Connectivity.Edge;

/// <summary>
/// Per workload, what crosses the cluster edge according to the connectivity report: connections in from
/// external addresses and in from the ingress controller.
/// </summary>
public sealed class ExternalReach
{
    private readonly Dictionary<Peer, ConnectionSet> _fromExternal = [];
    private readonly Dictionary<Peer, ConnectionSet> _fromIngressController = [];

    /// <summary>Indexes the lines that have an external or ingress-controller end, read once.</summary>
    public ExternalReach(IEnumerable<Connection> connections)
    {
        foreach (var connection in connections)
        {
            if (connection.Source.Equals(Peer.IngressController))
                Add(_fromIngressController, connection.Destination, connection.Connections);
            else if (connection.Source is ExternalPeer)
                Add(_fromExternal, connection.Destination, connection.Connections);
        }
    }

    /// <summary>The reach given per workload (workloads with nothing are left out).</summary>
    internal ExternalReach(Dictionary<Peer, ConnectionSet> fromExternal, Dictionary<Peer, ConnectionSet> fromIngressController) =>
        (_fromExternal, _fromIngressController) = (fromExternal, fromIngressController);

    /// <summary>Every workload some external address can open something to, with what.</summary>
    internal IReadOnlyDictionary<Peer, ConnectionSet> AllFromExternal => _fromExternal;

    /// <summary>Every workload the ingress controller can open something to, with what.</summary>
    internal IReadOnlyDictionary<Peer, ConnectionSet> AllFromIngressController => _fromIngressController;

    /// <summary>What some external address can open to the workload.</summary>
    public ConnectionSet FromExternal(Peer workload) => _fromExternal.GetValueOrDefault(workload, ConnectionSet.None);

    /// <summary>What the ingress controller can open to the workload (through an Ingress or Route).</summary>
    public ConnectionSet FromIngressController(Peer workload) => _fromIngressController.GetValueOrDefault(workload, ConnectionSet.None);

    private static void Add(Dictionary<Peer, ConnectionSet> map, Peer peer, ConnectionSet connections) =>
        map[peer] = map.TryGetValue(peer, out var existing) ? existing.Union(connections) : connections;
}
