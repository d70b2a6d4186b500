using Microsoft.Extensions.Logging.Abstractions;
using Palisade.Server.Ingestion;
using Palisade.Server.Metrics;
using Palisade.Server.Storage;

namespace Palisade.Server.Tests.Ingestion;

/// <summary>The bounded queue: refused (not grown) when full, answered only after the commit.</summary>
public sealed class LocalIngestionTests
{
    private static IngestRecord Record(int n) => new(RecordKind.Flow, "hubble", RecordHash.OfFlow("hubble", [(byte)n, (byte)(n >> 8)]), DateTimeOffset.UnixEpoch, [(byte)n]);

    [Fact]
    public async Task A_full_queue_refuses_with_a_pause_and_accepted_batches_wait_for_their_commit()
    {
        var store = new BlockingStore();
        using var ingestion = new LocalIngestion(store, new ServerMetrics(), NullLogger<LocalIngestion>.Instance, capacity: 10);
        await ingestion.StartAsync(TestContext.Current.CancellationToken);

        var first = ingestion.SubmitAsync([.. Enumerable.Range(0, 8).Select(Record)], TestContext.Current.CancellationToken);
        await store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var refused = await ingestion.SubmitAsync([.. Enumerable.Range(8, 5).Select(Record)], TestContext.Current.CancellationToken);

        Assert.False(refused.Committed);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.False(first.IsCompleted, "answered before the commit");
        store.Release.SetResult();
        var committed = await first.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal((true, 8), (committed.Committed, committed.Accepted));
        Assert.Equal(0, ingestion.Pending);
        await ingestion.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_batch_arriving_once_the_writer_stopped_is_503_for_the_sender_to_retry_elsewhere_not_a_500()
    {
        var store = new BlockingStore();
        store.Release.SetResult();
        using var ingestion = new LocalIngestion(store, new ServerMetrics(), NullLogger<LocalIngestion>.Instance, capacity: 10);
        await ingestion.StartAsync(TestContext.Current.CancellationToken);
        // Whether or not the writer's task ran before the stop (the next test makes sure it did not).
        await ingestion.StopAsync(TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<Palisade.Server.Api.ApiProblem>(() => ingestion.SubmitAsync([Record(1)], TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Equal(503, refused.Status);
        Assert.Equal(0, ingestion.Pending);
    }

    [Fact]
    public async Task Stopped_before_its_writer_started_it_stops_commits_what_it_accepted_and_refuses_more_with_503()
    {
        var store = new BlockingStore();
        store.Release.SetResult();
        using var ingestion = new LocalIngestion(store, new ServerMetrics(), NullLogger<LocalIngestion>.Instance, capacity: 10);
        // A start aborted at once (the host stopping while it starts): the writer's task never runs.
        await ingestion.StartAsync(new CancellationToken(canceled: true));
        var accepted = ingestion.SubmitAsync([Record(1)], TestContext.Current.CancellationToken);
        // A bound instead of a hang: the test fails, cancelled, if stopping or the answers never come.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(30));

        await ingestion.StopAsync(CancellationToken.None).WaitAsync(bound.Token);
        var committed = await accepted.WaitAsync(bound.Token);
        var refused = await Assert.ThrowsAsync<Palisade.Server.Api.ApiProblem>(() => ingestion.SubmitAsync([Record(2)], TestContext.Current.CancellationToken).WaitAsync(bound.Token));

        Assert.Equal((true, 1), (committed.Committed, committed.Accepted));
        Assert.Equal(503, refused.Status);
        Assert.Equal(0, ingestion.Pending);
    }

    /// <summary>A store whose appends wait until released.</summary>
    private sealed class BlockingStore : IRecordStore
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "blocking";

        public async Task<bool[]> AppendAsync(IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task;
            return [.. records.Select(_ => true)];
        }

        public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> SchemaVersionAsync(CancellationToken cancellationToken) => Task.FromResult(1);

        public Task<IReadOnlyList<StoredRecord>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredRecord>>([]);

        public Task<IReadOnlyList<StoredRecord>> RecordsSinceAsync(RecordKind kind, DateTimeOffset? since, RecordPosition? after, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredRecord>>([]);

        public Task<long> CountSinceAsync(RecordKind kind, DateTimeOffset since, CancellationToken cancellationToken) => Task.FromResult(0L);

        public Task<long> DetectionCursorAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

        public Task<IReadOnlyList<long>> SaveDetectionAsync(IReadOnlyList<StoredAlert> alerts, long cursor, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<long>>([]);

        public Task<IReadOnlyList<StoredAlert>> AlertsAsync(DateTimeOffset? since, string? name, RecordPosition? after, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredAlert>>([]);

        public Task<IReadOnlyList<StoredAlert>> AlertsAfterAsync(long sequence, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredAlert>>([]);

        public Task AppendChangeAsync(StoredChange change, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<StoredChange>> ChangesAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredChange>>([]);

        public Task<IReadOnlyList<StoredChange>> ChangesAfterAsync(long sequence, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredChange>>([]);

        public Task<long> LastChangeAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

        public Task<RetentionOutcome> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(new RetentionOutcome(0, 0));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
