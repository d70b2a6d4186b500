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

    /// <summary>The history starting from <paramref name="initial"/>, changed by the requests in order.</summary>
    public static ClusterHistory Build(Cluster initial, IEnumerable<ReplayedRequest> changes, INetworkModel model)
    {
        var states = new List<ClusterState> { new(DateTimeOffset.MinValue, initial, null) };
        foreach (var request in changes)
        {
            if (!ChangesNetwork(request))
                continue;
            var store = request.After;
            var e = request.Event;
            var cause = new ClusterChange(e.RequestReceived, e.User.Username, e.Verb, request.ObjectText);
            states.Add(new ClusterState(e.RequestReceived, new Lazy<Cluster>(() => model.Build(store)), cause)
            {
                Unknown = [.. store.Unknown.Select(k => k.ToString())],
            });
        }
        return new ClusterHistory(states);
    }

    /// <summary>Whether the request wrote an object the network model is built from.</summary>
    public static bool ChangesNetwork(ReplayedRequest request) =>
        request.Applied && request.Writes.Any(w => NetworkKinds.Contains(w.Key.Kind));
}
