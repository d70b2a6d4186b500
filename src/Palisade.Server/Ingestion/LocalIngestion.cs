using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Palisade.Server.Metrics;
using Palisade.Server.Storage;
using Prometheus;

namespace Palisade.Server.Ingestion;

/// <summary>
/// Ingestion into the store with group commit: requests reserve room in a queue bounded by records (refused, not
/// grown, when full), one writer takes every batch waiting and commits them in one transaction, then each request is
/// answered. A request is acknowledged only after that commit, so an acknowledged record survives <c>kill -9</c>.
/// Thread-safe; the writer runs as a hosted service.
/// </summary>
public sealed class LocalIngestion(IRecordStore store, ServerMetrics metrics, ILogger<LocalIngestion> logger, int capacity = LocalIngestion.DefaultCapacity)
    : BackgroundService, IIngestion
{
    /// <summary>Records the queue holds at most.</summary>
    public const int DefaultCapacity = 200_000;

    private const int MaxGroup = 50_000;
    private readonly Channel<Waiting> _queue = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });
    private long _pending;

    /// <inheritdoc />
    public long Pending => Interlocked.Read(ref _pending);

    /// <inheritdoc />
    public async Task<IngestOutcome> SubmitAsync(IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count > capacity)
            throw new Api.ApiProblem(413, $"a batch may hold at most {capacity} records");
        var reserved = Interlocked.Add(ref _pending, records.Count);
        if (reserved > capacity)
        {
            Interlocked.Add(ref _pending, -records.Count);
            return IngestOutcome.Full(TimeSpan.FromSeconds(1));
        }
        metrics.QueueDepth.Set(reserved);
        var pending = new Waiting(records, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Add(ref _pending, -records.Count);
            // 503, not a 500 with a stack trace in the log: a rolling update's old replica, whose sender retries on another.
            throw new Api.ApiProblem(503, "the service is stopping; send the batch again");
        }
        // Not cancellable once queued: the writer commits it whatever the client does, and the answer says so if it still listens.
        var added = await pending.Done.Task.ConfigureAwait(false);
        return new IngestOutcome(true, records.Count, records.Count - added, TimeSpan.Zero);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<Waiting>();
        var records = new List<IngestRecord>();
        while (await WaitAsync(stoppingToken).ConfigureAwait(false))
            await CommitNextAsync(group, records).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // The writer closes the queue and commits what it holds as it stops. Stopped before its task ever ran (a start
        // aborted at once), it does neither: the queue stayed open, and its batches, and every one after, waited for ever.
        // A writer still running (the stop's token ended the wait for it) is left to finish: one reader at a time.
        if (ExecuteTask is { IsCompleted: false })
            return;
        _queue.Writer.TryComplete();
        var group = new List<Waiting>();
        var records = new List<IngestRecord>();
        while (_queue.Reader.TryPeek(out _))
            await CommitNextAsync(group, records).ConfigureAwait(false);
    }

    // Commits the batches waiting, up to a group's worth, in one transaction.
    private async Task CommitNextAsync(List<Waiting> group, List<IngestRecord> records)
    {
        while (records.Count < MaxGroup && _queue.Reader.TryRead(out var next))
        {
            group.Add(next);
            records.AddRange(next.Records);
        }
        await CommitAsync(group, records).ConfigureAwait(false);
        group.Clear();
        records.Clear();
    }

    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: commit what was accepted before answering no more.
            _queue.Writer.TryComplete();
            return _queue.Reader.TryPeek(out _);
        }
    }

    private async Task CommitAsync(List<Waiting> group, List<IngestRecord> records)
    {
        using var timer = metrics.CommitSeconds.NewTimer();
        try
        {
            var added = await store.AppendAsync(records, CancellationToken.None).ConfigureAwait(false);
            var offset = 0;
            foreach (var pending in group)
            {
                var mine = 0;
                for (var i = 0; i < pending.Records.Count; i++)
                    mine += added[offset + i] ? 1 : 0;
                offset += pending.Records.Count;
                pending.Done.TrySetResult(mine);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "committing {Count} records to {Store} failed", records.Count, store.Name);
            foreach (var pending in group)
                pending.Done.TrySetException(e);
        }
        finally
        {
            metrics.QueueDepth.Set(Interlocked.Add(ref _pending, -records.Count));
        }
    }

    private sealed record Waiting(IReadOnlyList<IngestRecord> Records, TaskCompletionSource<int> Done);
}
