using Palisade.Model;

namespace Palisade.Audit.Timeline;

/// <summary>
/// The cluster's history from an audit replay: the initial state, then one state per request that changed
/// the objects the network model is built from, each starting when the request was received and carrying it
/// as its cause. Snapshots are built on first use.
/// </summary>
public static class HistoryBuilder
{
    private static readonly HashSet<string> NetworkKinds =
    [
        "NetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy", "Namespace", "Pod", "Service",
        "Endpoints", "Node", "Ingress", "Route", "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "CronJob",
        "ReplicationController", "PeerAuthentication",
    ];

    private static readonly HashSet<string> AddressHolders = ["Pod", "Service", "Endpoints", "Node"];

    /// <summary>
    /// The history starting from <paramref name="initial"/> (whose objects' bodies are <paramref name="initialStore"/>,
    /// when known), changed by the requests in order.
    /// </summary>
    public static ClusterHistory Build(Cluster initial, IEnumerable<ReplayedRequest> changes, INetworkModel model, ObjectStore? initialStore = null)
    {
        var states = new List<ClusterState> { new(DateTimeOffset.MinValue, initial, null) };
        var written = new HashSet<ObjectKey>();
        HashSet<ObjectKey>? absent = null;
        foreach (var request in changes)
        {
            if (!ChangesNetwork(request))
                continue;
            // An object the starting state holds whose first write in the log is a create that succeeded was absent before
            // it (a dump taken after the log began): the replay judges the create from nothing, and so is the state before.
            foreach (var write in request.Writes)
            {
                if (written.Add(write.Key) && write.Created && initialStore?.Get(write.Key) is not null)
                    (absent ??= []).Add(write.Key);
            }
            // A pod, Service or node written without its body (annotated, relabelled under a Metadata-level audit policy)
            // still holds its addresses: flows are its, judged by the labels it last had, rather than an external address's.
            var store = request.After.WithFormer(AddressHolders);
            var e = request.Event;
            var cause = new ClusterChange(e.RequestReceived, e.User.Username, e.Verb, request.ObjectText) { TimeText = e.RequestReceivedText };
            // A write replayed after one stamped later (another API server's clock, a request that came late) is in force
            // from that one's time: a state cannot begin before the state it follows.
            var from = e.RequestReceived < states[^1].From ? states[^1].From : e.RequestReceived;
            states.Add(new ClusterState(from, new Lazy<Cluster>(() => model.Build(store)), cause)
            {
                Unknown = [.. request.After.Unknown.Select(k => k.ToString())],
            });
        }
        if (absent is not null)
        {
            var store = initialStore!.RemoveWhere((key, _) => absent.Contains(key));
            states[0] = new ClusterState(DateTimeOffset.MinValue, new Lazy<Cluster>(() => model.Build(store)), null);
        }
        return new ClusterHistory(states);
    }

    /// <summary>Whether the request wrote an object the network model is built from.</summary>
    public static bool ChangesNetwork(ReplayedRequest request) =>
        request.Applied && request.Writes.Any(w => NetworkKinds.Contains(w.Key.Kind));
}
