using Palisade.Kubernetes.Watch;
using Palisade.Server.Ingestion;
using Palisade.Server.Metrics;
using Palisade.Server.Storage;
using Palisade.Server.Watch;

namespace Palisade.Server;

/// <summary>What the endpoints share: the options, the store, the ingestion path, the live cluster and its watch (when a cluster is watched), posture, the change and alert feeds and the metrics. Every member is thread-safe.</summary>
public sealed record ServerState(ServeOptions Options, IRecordStore Store, IIngestion Ingestion, ServerMetrics Metrics, EventFeed Feed, EventFeed Alerts)
{
    /// <summary>The live cluster; null when no cluster is watched.</summary>
    public LiveCluster? Live { get; init; }

    /// <summary>The watch feeding it.</summary>
    public ClusterWatch? Watch { get; init; }

    /// <summary>The posture checks on it.</summary>
    public PostureRunner? Posture { get; init; }
}
