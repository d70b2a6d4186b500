using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Palisade.Server.Storage;

/// <summary>
/// The production store: PostgreSQL through Npgsql. Appends run under a transaction-scoped advisory lock, so records
/// become visible in the order of their ids even when several replicas write at once (detection reads by id and
/// must never pass a gap that a slower transaction fills later). A commit returns after PostgreSQL's own durable
/// commit (synchronous_commit as the server has it; on by default). Thread-safe (pooled connections).
/// </summary>
public sealed class PostgresStore : IRecordStore
{
    private const long AppendLock = 0x70616c6973616465; // "palisade"
    private const long AlertLock = AppendLock + 1;
    private readonly NpgsqlDataSource _source;

    private PostgresStore(NpgsqlDataSource source, string name)
    {
        _source = source;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Connects with a <c>postgres://user:password@host:port/database</c> address and brings the schema up to date.</summary>
    public static async Task<PostgresStore> OpenAsync(string url, CancellationToken cancellationToken)
    {
        var (connectionString, name) = PostgresUrl.Parse(url);
        var store = new PostgresStore(NpgsqlDataSource.Create(connectionString), name);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return store;
    }

    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) => new(sql, connection, transaction);

    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken cancellationToken) => InTransactionAsync(async (c, t) =>
    {
        // One migrator at a time across replicas.
        await using (var lockCommand = Command(c, t, "SELECT pg_advisory_xact_lock(1)"))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = Command(c, t, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied TIMESTAMPTZ NOT NULL)"))
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        var applied = new HashSet<int>();
        await using (var query = Command(c, t, "SELECT version FROM schema_migrations"))
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                applied.Add(reader.GetInt32(0));
        }
        foreach (var migration in Migrations.All.Where(m => !applied.Contains(m.Version)))
        {
            foreach (var sql in migration.Postgres)
            {
                await using var step = Command(c, t, sql);
                await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await using var record = Command(c, t, "INSERT INTO schema_migrations (version, description, applied) VALUES ($1, $2, now())");
            record.Parameters.AddWithValue(migration.Version);
            record.Parameters.AddWithValue(migration.Description);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return 0;
    }, cancellationToken);

    /// <inheritdoc />
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public Task<bool[]> AppendAsync(IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
            return Task.FromResult(Array.Empty<bool>());
        var received = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return InTransactionAsync(async (c, t) =>
        {
            await using (var lockCommand = Command(c, t, $"SELECT pg_advisory_xact_lock({AppendLock})"))
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            // unnest keeps the input order, so ids follow it; one round trip for the whole batch. A hash given twice is
            // inserted once, by its first occurrence, which alone is new (as SQLite's inserts one by one find).
            await using var insert = Command(c, t,
                "WITH x AS (SELECT k, f, h, tm, b, n FROM unnest($1, $2, $3, $4, $6) WITH ORDINALITY AS u(k, f, h, tm, b, n)), " +
                "ins AS (INSERT INTO records (kind, format, hash, time, received, body) SELECT k, f, h, tm, $5, b FROM x ORDER BY n ON CONFLICT (hash) DO NOTHING RETURNING hash) " +
                "SELECT MIN(x.n) FROM x JOIN ins ON ins.hash = x.h GROUP BY x.h");
            insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => (short)r.Kind).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
            insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Format).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Time.ToUnixTimeMilliseconds()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter { Value = received, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Body).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            var added = new bool[records.Count];
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                added[reader.GetInt64(0) - 1] = true;
            return added;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredRecord>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        RecordsAsync("SELECT id, kind, format, time, received, body FROM records WHERE id > $1 ORDER BY id LIMIT $2", [afterId, (long)limit], cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredRecord>> RecordsSinceAsync(RecordKind kind, DateTimeOffset? since, RecordPosition? after, int limit, CancellationToken cancellationToken)
    {
        if (since is null && after is null)
        {
            var newestFirst = await RecordsAsync("SELECT id, kind, format, time, received, body FROM records WHERE kind = $1 ORDER BY time DESC, id DESC LIMIT $2",
                [(short)kind, (long)limit], cancellationToken).ConfigureAwait(false);
            return [.. newestFirst.Reverse()];
        }
        var (afterTime, afterId) = after is { } a ? (a.Time.ToUnixTimeMilliseconds(), a.Id) : (long.MinValue, long.MinValue);
        return await RecordsAsync("SELECT id, kind, format, time, received, body FROM records WHERE kind = $1 AND time >= $2 AND time >= $3 AND (time > $3 OR (time = $3 AND id > $4)) ORDER BY time, id LIMIT $5",
            [(short)kind, (since ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds(), afterTime, afterId, (long)limit], cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<StoredRecord>> RecordsAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.AddWithValue(parameter);
        return await RowsAsync(command, row => new StoredRecord(row.GetInt64(0), (RecordKind)row.GetInt16(1), row.GetString(2),
            DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(4)), (byte[])row[5]), cancellationToken).ConfigureAwait(false);
    }

    // Every query reads its rows the same way; what a row becomes is the caller's.
    private static async Task<IReadOnlyList<T>> RowsAsync<T>(NpgsqlCommand command, Func<DbDataReader, T> row, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(row(reader));
        return rows;
    }

    /// <inheritdoc />
    public async Task<long> CountSinceAsync(RecordKind kind, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT COUNT(*) FROM records WHERE kind = $1 AND time >= $2");
        command.Parameters.AddWithValue((short)kind);
        command.Parameters.AddWithValue(since.ToUnixTimeMilliseconds());
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<long> DetectionCursorAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT value FROM settings WHERE name = 'detection_cursor'");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? value : 0;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> SaveDetectionAsync(IReadOnlyList<StoredAlert> alerts, long cursor, CancellationToken cancellationToken) => InTransactionAsync<IReadOnlyList<long>>(async (c, t) =>
    {
        // Replicas storing alerts at once take their sequences one after the other and commit in that order, so that a
        // stream resuming after one never passes a lower one committed later.
        await using (var lockCommand = Command(c, t, $"SELECT pg_advisory_xact_lock({AlertLock})"))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        long last;
        await using (var max = Command(c, t, "SELECT COALESCE(MAX(seq), 0) FROM alerts"))
            last = (long)(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        var first = StoredAlert.FirstSequence(last, now);
        var sequences = new long[alerts.Count];
        for (var i = 0; i < sequences.Length; i++)
            sequences[i] = first + i;
        // One statement may not update a row twice (SQLite's upserts one by one keep the later): a key given twice keeps its later version.
        var latest = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < alerts.Count; i++)
            latest[alerts[i].Key] = i;
        var rows = latest.Values.Order().ToArray();
        await using (var upsert = Command(c, t,
            "INSERT INTO alerts (key, name, time, json, seq, stored) SELECT k, n, tm, j, q, $6 FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::bigint[]) AS u(k, n, tm, j, q) " +
            "ON CONFLICT (key) DO UPDATE SET name = excluded.name, time = excluded.time, json = excluded.json, seq = excluded.seq, stored = excluded.stored"))
        {
            upsert.Parameters.AddWithValue(rows.Select(i => alerts[i].Key).ToArray());
            upsert.Parameters.AddWithValue(rows.Select(i => alerts[i].Name).ToArray());
            upsert.Parameters.AddWithValue(rows.Select(i => alerts[i].Time.ToUnixTimeMilliseconds()).ToArray());
            upsert.Parameters.AddWithValue(rows.Select(i => alerts[i].Json).ToArray());
            upsert.Parameters.AddWithValue(rows.Select(i => sequences[i]).ToArray());
            upsert.Parameters.AddWithValue(now.ToUnixTimeMilliseconds());
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var move = Command(c, t, "INSERT INTO settings (name, value) VALUES ('detection_cursor', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value");
        move.Parameters.AddWithValue(cursor);
        await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return sequences;
    }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredAlert>> AlertsAsync(DateTimeOffset? since, string? name, RecordPosition? after, int limit, CancellationToken cancellationToken)
    {
        // Without a bound, the newest: what a view of recent alerts wants from a long-running service. "time >= cursor"
        // repeats what the OR implies so that the index on (time, seq) starts a deep page at the cursor.
        await using var command = _source.CreateCommand(since is null && after is null
            ? "SELECT key, name, time, json, seq FROM (SELECT key, name, time, json, seq FROM alerts WHERE ($1::text IS NULL OR name = $1) ORDER BY time DESC, seq DESC LIMIT $2) AS newest ORDER BY time, seq"
            : "SELECT key, name, time, json, seq FROM alerts WHERE ($1::text IS NULL OR name = $1) AND time >= $3 AND time >= $4 AND (time > $4 OR (time = $4 AND seq > $5)) ORDER BY time, seq LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue((long)limit);
        if (since is not null || after is not null)
        {
            var (afterTime, afterSequence) = after is { } a ? (a.Time.ToUnixTimeMilliseconds(), a.Id) : (long.MinValue, long.MinValue);
            command.Parameters.AddWithValue(since?.ToUnixTimeMilliseconds() ?? long.MinValue);
            command.Parameters.AddWithValue(afterTime);
            command.Parameters.AddWithValue(afterSequence);
        }
        return await RowsAsync(command, StoredRows.Alert, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredAlert>> AlertsAfterAsync(long sequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT key, name, time, json, seq FROM alerts WHERE seq > $1 ORDER BY seq LIMIT $2");
        command.Parameters.AddWithValue(sequence);
        command.Parameters.AddWithValue((long)limit);
        return await RowsAsync(command, StoredRows.Alert, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AppendChangeAsync(StoredChange change, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("INSERT INTO changes (sequence, time, json) VALUES ($1, $2, $3) ON CONFLICT (sequence) DO NOTHING");
        command.Parameters.AddWithValue(change.Sequence);
        command.Parameters.AddWithValue(change.Time.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue(change.Json);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredChange>> ChangesAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(since is null
            ? "SELECT sequence, time, json FROM (SELECT sequence, time, json FROM changes ORDER BY sequence DESC LIMIT $1) AS newest ORDER BY sequence"
            : "SELECT sequence, time, json FROM changes WHERE time >= $2 ORDER BY sequence LIMIT $1");
        command.Parameters.AddWithValue((long)limit);
        if (since is { } from)
            command.Parameters.AddWithValue(from.ToUnixTimeMilliseconds());
        return await RowsAsync(command, StoredRows.Change, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredChange>> ChangesAfterAsync(long sequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT sequence, time, json FROM changes WHERE sequence > $1 ORDER BY sequence LIMIT $2");
        command.Parameters.AddWithValue(sequence);
        command.Parameters.AddWithValue((long)limit);
        return await RowsAsync(command, StoredRows.Change, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> LastChangeAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT COALESCE(MAX(sequence), 0) FROM changes");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    // The cursor as SQL, read in the deleting statement itself.
    private const string DetectionCursor = "COALESCE((SELECT value FROM settings WHERE name = 'detection_cursor'), 0)";

    /// <inheritdoc />
    public async Task<RetentionOutcome> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long deleted = 0;
        long heldBack = 0;
        if (policy.MaxAge is { } age)
        {
            var cutoff = (now - age).ToUnixTimeMilliseconds();
            foreach (var sql in new[] { "DELETE FROM records WHERE received < $1 AND id <= " + DetectionCursor, "DELETE FROM alerts WHERE stored < $1", "DELETE FROM changes WHERE time < $1" })
            {
                await using var command = _source.CreateCommand(sql);
                command.Parameters.AddWithValue(cutoff);
                var rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (sql.Contains("records", StringComparison.Ordinal))
                    deleted += rows;
            }
            // Those left before the cutoff are unread.
            await using var held = _source.CreateCommand("SELECT COUNT(*) FROM records WHERE received < $1");
            held.Parameters.AddWithValue(cutoff);
            heldBack = (long)(await held.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        // By size: the oldest tenth of the records until the table fits, but never a record detection has not read.
        for (var round = 0; policy.MaxBytes is { } max && round < 20; round++)
        {
            await using (var size = _source.CreateCommand("SELECT pg_total_relation_size('records')"))
            {
                if ((long)(await size.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! <= max)
                    break;
            }
            await using var trim = _source.CreateCommand("DELETE FROM records WHERE id <= LEAST((SELECT MIN(id) + (MAX(id) - MIN(id)) / 10 FROM records), " + DetectionCursor + ")");
            var rows = await trim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            deleted += rows;
            if (rows == 0)
            {
                // Still too large, with nothing left that detection has read.
                await using var unread = _source.CreateCommand("SELECT COUNT(*) FROM records WHERE id > " + DetectionCursor);
                heldBack = (long)(await unread.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                break;
            }
            // Freed space is reused by later inserts once vacuumed; autovacuum does that, a manual one makes the size shrink now.
            await using var vacuum = _source.CreateCommand("VACUUM records");
            await vacuum.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return new RetentionOutcome(deleted, heldBack);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
