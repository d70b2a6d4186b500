namespace Palisade.Server.Storage;

/// <summary>
/// Where the service keeps what it ingested and concluded: records in commit order (flows and audit events, each once
/// whatever the retries), alerts with the detection cursor, and the changes of the live cluster. One interface for
/// SQLite and PostgreSQL; the same tests run against both. Implementations are thread-safe.
/// </summary>
public interface IRecordStore : IAsyncDisposable
{
    /// <summary>What the store is, for logs: <c>sqlite:FILE</c> or <c>postgres://host/db</c> (no password).</summary>
    string Name { get; }

    /// <summary>Creates or upgrades the schema to the current version; versions applied are recorded.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>The schema version in force.</summary>
    Task<int> SchemaVersionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the records in one transaction, durable when the task completes; records whose hash is already stored are
    /// skipped. Returns, per record, whether it was new.
    /// </summary>
    Task<bool[]> AppendAsync(IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> records committed after the position, in commit order.</summary>
    Task<IReadOnlyList<StoredRecord>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records of the kind whose own time is at or after <paramref name="since"/> and that come after <paramref name="after"/>
    /// (by time, then id), oldest first: the earliest <paramref name="limit"/>, or, with neither bound, the newest.
    /// </summary>
    Task<IReadOnlyList<StoredRecord>> RecordsSinceAsync(RecordKind kind, DateTimeOffset? since, RecordPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>How many records of the kind have their own time at or after <paramref name="since"/>.</summary>
    Task<long> CountSinceAsync(RecordKind kind, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The position detection has reached (0 at first).</summary>
    Task<long> DetectionCursorAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the alerts (replacing earlier versions of their keys) and moves the detection cursor, in one transaction.
    /// Each alert stored gets a new sequence number, above every one given before (also across restarts and replicas):
    /// the storing time in microseconds, or one more than the last. Returns them, in the alerts' order.
    /// </summary>
    Task<IReadOnlyList<long>> SaveDetectionAsync(IReadOnlyList<StoredAlert> alerts, long cursor, CancellationToken cancellationToken);

    /// <summary>
    /// Alerts whose time is at or after <paramref name="since"/> and that come after <paramref name="after"/> (by time, then
    /// sequence), of one detector or rule when given, oldest first: the earliest <paramref name="limit"/>, or, with neither
    /// bound, the newest <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<StoredAlert>> AlertsAsync(DateTimeOffset? since, string? name, RecordPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>Alerts stored with a sequence above <paramref name="sequence"/>, in sequence order, at most <paramref name="limit"/>: what an alert stream client reconnecting missed.</summary>
    Task<IReadOnlyList<StoredAlert>> AlertsAfterAsync(long sequence, int limit, CancellationToken cancellationToken);

    /// <summary>Stores a change of the live cluster.</summary>
    Task AppendChangeAsync(StoredChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Changes applied at or after <paramref name="since"/>, oldest first: the earliest <paramref name="limit"/> from that
    /// time, or without one the newest <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<StoredChange>> ChangesAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken);

    /// <summary>Changes numbered after <paramref name="sequence"/>, in order, at most <paramref name="limit"/>: what a change stream client reconnecting missed.</summary>
    Task<IReadOnlyList<StoredChange>> ChangesAfterAsync(long sequence, int limit, CancellationToken cancellationToken);

    /// <summary>The highest change sequence number stored (0 when none), so a restarted service goes on numbering.</summary>
    Task<long> LastChangeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes what the policy no longer keeps, by when the service stored it (a record's receipt, an alert's last store, a
    /// change's watch time), not by the time it tells of. A record past the detection cursor is never deleted, by age or by
    /// size: detection has not read it yet. Returns the records deleted and those kept for that reason alone.
    /// </summary>
    Task<RetentionOutcome> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellationToken);
}
