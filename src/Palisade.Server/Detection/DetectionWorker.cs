using Microsoft.Extensions.Logging;
using Palisade.Audit.Events;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Formats;
using Palisade.Input;
using Palisade.Server.Metrics;
using Palisade.Server.Storage;
using Palisade.Server.Watch;

namespace Palisade.Server.Detection;

/// <summary>
/// Runs detection on what is committed, in commit order, from the cursor the store keeps: flows through
/// <see cref="FlowDetection"/>, audit events through <see cref="AuditDetection"/>; the alerts that opened or changed
/// are stored with the new cursor in one transaction, so a restart neither skips nor repeats a record's alerts.
/// Each alert, once stored, is published on the alert feed. Detectors' windows start afresh after a restart; flow alerts are then keyed by the new process's epoch.
/// With several replicas, every replica may run it (the store's upserts are idempotent), but one is enough.
/// </summary>
internal sealed class DetectionWorker(IRecordStore store, LiveCluster? live, ServerMetrics metrics, EventFeed feed, ILogger<DetectionWorker> logger, DetectionSettings settings)
{
    private const int BatchSize = 5000;
    private readonly FlowDetection _flows = new(settings.Flows, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), settings.AlertIdle);
    private readonly AuditDetection _audit = new(settings.TrustedUsers, settings.Flows.Engine);

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        long cursor;
        var lastRecord = TimeProvider.System.GetTimestamp();
        try
        {
            cursor = await store.DetectionCursorAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var saved = cursor;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (live is { Current: null })
                {
                    // Records read before the cluster is listed would be judged against an empty one, and the cursor
                    // passing them would lose their alerts for good (a restart, when exporters send what they kept).
                    await Task.Delay(settings.Idle, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                var batch = await store.ReadAfterAsync(cursor, BatchSize, stoppingToken).ConfigureAwait(false);
                metrics.DetectionLag.Set(batch.Count);
                // Only flow records end the quiet: audit events arriving all the time must not hold the waiting flows.
                if (batch.Any(r => r.Kind == RecordKind.Flow))
                    lastRecord = TimeProvider.System.GetTimestamp();
                Run(batch);
                // No flow for a while: the waiting flows go to the detectors, as at the end of flows check's input.
                var drained = _flows.Pending && TimeProvider.System.GetElapsedTime(lastRecord) >= settings.Quiet;
                if (drained)
                    _flows.Drain(live?.History ?? []);
                if (batch.Count == 0 && !drained)
                {
                    await Task.Delay(settings.Idle, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                if (batch.Count > 0)
                    cursor = batch[^1].Id;
                await SaveAsync([.. _flows.Changed(_audit.Writes), .. _audit.Changed()], cursor, stoppingToken).ConfigureAwait(false);
                saved = cursor;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "detection failed after record {Cursor}; retrying", cursor);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        await DrainAtStopAsync(saved).ConfigureAwait(false);
    }

    /// <summary>
    /// On a graceful stop, the flows still waiting go to the detectors and their alerts are stored (with the cursor
    /// last stored), as at the end of flows check's input: else they would be lost, their records being past the cursor.
    /// </summary>
    private async Task DrainAtStopAsync(long cursor)
    {
        if (!_flows.Pending)
            return;
        try
        {
            _flows.Drain(live?.History ?? []);
            await SaveAsync(_flows.Changed(_audit.Writes), cursor, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException or ObjectDisposedException)
        {
            logger.LogError(e, "detection could not store the alerts of the flows still waiting at stop");
        }
    }

    private async Task SaveAsync(List<StoredAlert> alerts, long cursor, CancellationToken stoppingToken)
    {
        var sequences = await store.SaveDetectionAsync(alerts, cursor, stoppingToken).ConfigureAwait(false);
        for (var i = 0; i < alerts.Count; i++)
        {
            metrics.Alerts.WithLabels(alerts[i].Name).Inc();
            // The stored sequence is the event id, so a stream resuming from the store and the live feed agree.
            feed.Publish(sequences[i], alerts[i].Json);
        }
        metrics.DetectionCursor.Set(cursor);
        metrics.OpenFlowAlerts.Set(_flows.OpenAlerts);
        metrics.DetectionWaiting.Set(_flows.Pending ? 1 : 0);
    }

    private void Run(IReadOnlyList<StoredRecord> batch)
    {
        var history = live?.History ?? [];
        var i = 0;
        while (i < batch.Count)
        {
            // Consecutive flow records of one format and header are read as one stream: one reader pass, not one per record.
            var first = batch[i];
            var j = i + 1;
            if (first.Kind == RecordKind.Flow)
            {
                while (j < batch.Count && batch[j].Kind == RecordKind.Flow && batch[j].Format == first.Format && SameHeader(first.Body, batch[j].Body))
                    j++;
                _flows.Observe(ReadFlows(batch, i, j), history);
            }
            else
            {
                foreach (var e in ReadAudit(first))
                    _audit.Observe(e, live);
            }
            i = j;
        }
    }

    private IEnumerable<FlowRecord> ReadFlows(IReadOnlyList<StoredRecord> batch, int from, int to)
    {
        var header = Header(batch[from].Body);
        var joined = new MemoryStream();
        joined.Write(batch[from].Body, 0, header);
        for (var k = from; k < to; k++)
        {
            joined.Write(batch[k].Body, header, batch[k].Body.Length - header);
            joined.WriteByte((byte)'\n');
        }
        joined.Position = 0;
        var format = Enum.Parse<FlowFormat>(batch[from].Format, ignoreCase: true);
        var diagnostics = new ReadDiagnostics();
        using var source = InputSource.FromStream("stored flows", joined);
        var records = FlowReaders.For(format).Read(source, diagnostics).ToList();
        if (diagnostics.Malformed > 0)
            logger.LogWarning("stored flow records could not be read again: {Warnings}", string.Join("; ", diagnostics.Warnings));
        return records;
    }

    private IEnumerable<AuditEvent> ReadAudit(StoredRecord record)
    {
        var diagnostics = new ReadDiagnostics();
        using var source = InputSource.FromStream("stored audit event", new MemoryStream(record.Body));
        var events = new AuditEventReader().Read(source, diagnostics).ToList();
        if (diagnostics.Malformed > 0)
            logger.LogWarning("a stored audit event could not be read again: {Warnings}", string.Join("; ", diagnostics.Warnings));
        return events;
    }

    /// <summary>The length of the header lines a VPC or CSV record carries (through its last line end); 0 for one-line records.</summary>
    private static int Header(byte[] body) => Array.LastIndexOf(body, (byte)'\n') + 1;

    private static bool SameHeader(byte[] a, byte[] b)
    {
        var length = Header(a);
        return Header(b) == length && a.AsSpan(0, length).SequenceEqual(b.AsSpan(0, length));
    }
}

/// <summary>What detection is configured with: the flow thresholds (and engine options), the users whose policy writes are not tampering, and how long to wait when nothing is new.</summary>
public sealed record DetectionSettings(FlowCheckOptions Flows, IReadOnlySet<string> TrustedUsers)
{
    /// <summary>The pause when no record is waiting.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long no flow record must arrive before the flows still waiting (for a later record of another exporter, or a
    /// forward for its policy drop at another node) go to the detectors, as at the end of a file in <c>flows check</c>.
    /// </summary>
    public TimeSpan Quiet { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long, in flow time, a flow alert may go without a new flow before it is closed: stored as it is, dropped
    /// from memory, and the same pattern later opens a new alert. Bounds what a long-running service keeps.
    /// </summary>
    public TimeSpan AlertIdle { get; init; } = TimeSpan.FromHours(1);
}
