using Prometheus;

namespace Palisade.Server.Metrics;

/// <summary>
/// The service's Prometheus metrics, in a registry of its own (so two servers in one process, as in tests, do not
/// share counts): ingest rate, queue depth and refusals, watch lag and activity, detection progress, alert counts, what retention holds back.
/// Thread-safe, as prometheus-net's collectors are.
/// </summary>
public sealed class ServerMetrics
{
    /// <summary>Creates the collectors.</summary>
    public ServerMetrics()
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Ingested = factory.CreateCounter("palisade_ingested_records_total", "Records acknowledged (stored, or recognised as already stored).", "kind");
        Duplicates = factory.CreateCounter("palisade_ingest_duplicates_total", "Acknowledged records that were already stored (retries).", "kind");
        Rejected = factory.CreateCounter("palisade_ingest_rejected_total", "Items refused alone inside an accepted batch (a malformed event of an audit EventList), by kind.", "kind");
        Refused = factory.CreateCounter("palisade_ingest_refused_total", "Ingest requests refused, by HTTP status (429 queue full, 400 malformed, 413 too large).", "status");
        QueueDepth = factory.CreateGauge("palisade_ingest_queue_records", "Records accepted into the queue and not yet committed.");
        CommitSeconds = factory.CreateHistogram("palisade_ingest_commit_seconds", "Time to commit one group of batches to the store.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
        WatchLag = factory.CreateGauge("palisade_watch_lag_seconds", "How long the oldest watch event not yet applied to the live model has waited.");
        WatchEvents = factory.CreateCounter("palisade_watch_events_total", "Watch changes applied to the live model, by kind.", "kind");
        Relists = factory.CreateGauge("palisade_watch_relists", "Lists after a watch expired (410).");
        WatchFailures = factory.CreateGauge("palisade_watch_failures", "Watch requests or streams that failed (refused, dropped, errors other than 410); each is retried.");
        Changes = factory.CreateCounter("palisade_changes_total", "Changes of the live cluster recorded.");
        DetectionCursor = factory.CreateGauge("palisade_detection_cursor", "The last committed record that detection has run on.");
        DetectionLag = factory.CreateGauge("palisade_detection_lag_records", "Committed records detection read in its last pass: up to one batch (5,000) while it is behind, 0 once it has caught up.");
        Alerts = factory.CreateCounter("palisade_alerts_total", "Alerts raised or updated, by detector or rule.", "name");
        DetectionWaiting = factory.CreateGauge("palisade_detection_flows_waiting", "1 while flow records detection has read still wait for later ones (to be taken in time order, or a forward for its policy drop), 0 once they all went to the detectors.");
        RetentionHeldBack = factory.CreateGauge("palisade_retention_held_back_records", "Records retention's last pass would delete (older than --retention, or the store over --retention-max-bytes) but kept because detection has not read them.");
        OpenFlowAlerts = factory.CreateGauge("palisade_flow_alerts_open", "Flow alerts kept in memory: raised within the last idle period (an hour of flow time).");
    }

    /// <summary>The registry <c>/metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    /// <summary>Writes every metric in Prometheus' text format: what <c>/metrics</c> answers.</summary>
    public Task ExportAsync(Stream stream, CancellationToken cancellationToken) => Registry.CollectAndExportAsTextAsync(stream, cancellationToken);

    /// <summary>Acknowledged records by kind.</summary>
    public Counter Ingested { get; }

    /// <summary>Acknowledged duplicates by kind.</summary>
    public Counter Duplicates { get; }

    /// <summary>Items refused inside accepted batches, by kind.</summary>
    public Counter Rejected { get; }

    /// <summary>Refused requests by status.</summary>
    public Counter Refused { get; }

    /// <summary>Records queued, not yet committed.</summary>
    public Gauge QueueDepth { get; }

    /// <summary>Commit durations.</summary>
    public Histogram CommitSeconds { get; }

    /// <summary>Age of the oldest unapplied watch event.</summary>
    public Gauge WatchLag { get; }

    /// <summary>Watch changes applied by kind.</summary>
    public Counter WatchEvents { get; }

    /// <summary>Relists after expiry.</summary>
    public Gauge Relists { get; }

    /// <summary>Failed watch requests or streams.</summary>
    public Gauge WatchFailures { get; }

    /// <summary>Changes recorded.</summary>
    public Counter Changes { get; }

    /// <summary>Whether read flows still wait to go to the detectors.</summary>
    public Gauge DetectionWaiting { get; }

    /// <summary>Detection's position.</summary>
    public Gauge DetectionCursor { get; }

    /// <summary>Records in detection's last pass (0 when caught up).</summary>
    public Gauge DetectionLag { get; }

    /// <summary>Alerts raised or updated by name.</summary>
    public Counter Alerts { get; }

    /// <summary>Records retention kept because detection has not read them.</summary>
    public Gauge RetentionHeldBack { get; }

    /// <summary>Flow alerts in memory, what bounds detection's memory.</summary>
    public Gauge OpenFlowAlerts { get; }
}
