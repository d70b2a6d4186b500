using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Palisade.Server.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a committed transaction survives a
/// crash of the process or the machine. Writes go through one connection, one at a time (SQLite has one writer);
/// reads open their own connections and run beside them (WAL). Thread-safe.
/// </summary>
public sealed class SqliteStore : IRecordStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteConnection _writer;

    private SqliteStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _writer = Open();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Name => $"sqlite:{Path}";

    /// <summary>Opens (creating it and its folder) the database file and brings its schema up to date.</summary>
    public static async Task<SqliteStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { } folder)
            Directory.CreateDirectory(folder);
        var store = new SqliteStore(path);
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL");
        Execute(connection, "PRAGMA synchronous=FULL");
        Execute(connection, "PRAGMA busy_timeout=30000");
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _writer.BeginTransaction(IsolationLevel.Serializable);
            var result = work(_writer, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        return await Task.Run(() =>
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            return work(connection);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken cancellationToken) => WriteAsync((c, t) =>
    {
        Execute(c, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied TEXT NOT NULL)", t);
        var applied = new HashSet<long>();
        using (var query = Command(c, t, "SELECT version FROM schema_migrations"))
        {
            using var reader = query.ExecuteReader();
            while (reader.Read())
                applied.Add(reader.GetInt64(0));
        }
        foreach (var migration in Migrations.All.Where(m => !applied.Contains(m.Version)))
        {
            foreach (var sql in migration.Sqlite)
                Execute(c, sql, t);
            using var record = Command(c, t, "INSERT INTO schema_migrations (version, description, applied) VALUES ($v, $d, $a)");
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$d", migration.Description);
            record.Parameters.AddWithValue("$a", DateTimeOffset.UtcNow.ToString("O"));
            record.ExecuteNonQuery();
        }
        return 0;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<int> SchemaVersionAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => Convert.ToInt32(Scalar(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"), System.Globalization.CultureInfo.InvariantCulture), cancellationToken);

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(connection, transaction, sql);
        return command.ExecuteScalar();
    }

    /// <inheritdoc />
    public Task<bool[]> AppendAsync(IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
            return Task.FromResult(Array.Empty<bool>());
        var received = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return WriteAsync((c, t) =>
        {
            using var insert = Command(c, t, "INSERT INTO records (kind, format, hash, time, received, body) VALUES ($k, $f, $h, $t, $r, $b) ON CONFLICT (hash) DO NOTHING");
            var kind = insert.Parameters.Add("$k", SqliteType.Integer);
            var format = insert.Parameters.Add("$f", SqliteType.Text);
            var hash = insert.Parameters.Add("$h", SqliteType.Blob);
            var time = insert.Parameters.Add("$t", SqliteType.Integer);
            insert.Parameters.AddWithValue("$r", received);
            var body = insert.Parameters.Add("$b", SqliteType.Blob);
            insert.Prepare();
            var added = new bool[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                kind.Value = (int)record.Kind;
                format.Value = record.Format;
                hash.Value = record.Hash;
                time.Value = record.Time.ToUnixTimeMilliseconds();
                body.Value = record.Body;
                added[i] = insert.ExecuteNonQuery() == 1;
            }
            return added;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredRecord>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        ReadAsync(c => Records(c, "SELECT id, kind, format, time, received, body FROM records WHERE id > $a ORDER BY id LIMIT $l",
            ("$a", afterId), ("$l", limit)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredRecord>> RecordsSinceAsync(RecordKind kind, DateTimeOffset? since, RecordPosition? after, int limit, CancellationToken cancellationToken)
    {
        if (since is null && after is null)
        {
            return ReadAsync(c => Newest(Records(c, "SELECT id, kind, format, time, received, body FROM records WHERE kind = $k ORDER BY time DESC, id DESC LIMIT $l",
                ("$k", (int)kind), ("$l", limit))), cancellationToken);
        }
        // "time >= cursor" repeats what the OR implies so that the index on (kind, time) starts at the cursor, not at since.
        var (afterTime, afterId) = after is { } a ? (a.Time.ToUnixTimeMilliseconds(), a.Id) : (long.MinValue, long.MinValue);
        return ReadAsync(c => Records(c, "SELECT id, kind, format, time, received, body FROM records WHERE kind = $k AND time >= $s AND time >= $at AND (time > $at OR (time = $at AND id > $ai)) ORDER BY time, id LIMIT $l",
            ("$k", (int)kind), ("$s", (since ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds()), ("$at", afterTime), ("$ai", afterId), ("$l", limit)), cancellationToken);
    }

    private static IReadOnlyList<StoredRecord> Newest(IReadOnlyList<StoredRecord> newestFirst) => [.. newestFirst.Reverse()];

    private static IReadOnlyList<StoredRecord> Records(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, null, sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return Rows(command, row => new StoredRecord(row.GetInt64(0), (RecordKind)row.GetInt32(1), row.GetString(2),
            DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(4)), (byte[])row[5]));
    }

    // Every query reads its rows the same way; what a row becomes is the caller's.
    private static IReadOnlyList<T> Rows<T>(SqliteCommand command, Func<DbDataReader, T> row)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(row(reader));
        return rows;
    }

    /// <inheritdoc />
    public Task<long> CountSinceAsync(RecordKind kind, DateTimeOffset since, CancellationToken cancellationToken) => ReadAsync(c =>
    {
        using var command = Command(c, null, "SELECT COUNT(*) FROM records WHERE kind = $k AND time >= $s");
        command.Parameters.AddWithValue("$k", (int)kind);
        command.Parameters.AddWithValue("$s", since.ToUnixTimeMilliseconds());
        return (long)command.ExecuteScalar()!;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<long> DetectionCursorAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => Scalar(c, "SELECT value FROM settings WHERE name = 'detection_cursor'") is long value ? value : 0L, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> SaveDetectionAsync(IReadOnlyList<StoredAlert> alerts, long cursor, CancellationToken cancellationToken) => WriteAsync<IReadOnlyList<long>>((c, t) =>
    {
        var now = DateTimeOffset.UtcNow;
        var next = StoredAlert.FirstSequence(Scalar(c, "SELECT COALESCE(MAX(seq), 0) FROM alerts", t) is long last ? last : 0, now);
        using var upsert = Command(c, t, "INSERT INTO alerts (key, name, time, json, seq, stored) VALUES ($k, $n, $t, $j, $q, $s) ON CONFLICT (key) DO UPDATE SET name = excluded.name, time = excluded.time, json = excluded.json, seq = excluded.seq, stored = excluded.stored");
        var key = upsert.Parameters.Add("$k", SqliteType.Text);
        var name = upsert.Parameters.Add("$n", SqliteType.Text);
        var time = upsert.Parameters.Add("$t", SqliteType.Integer);
        var json = upsert.Parameters.Add("$j", SqliteType.Text);
        var sequence = upsert.Parameters.Add("$q", SqliteType.Integer);
        upsert.Parameters.AddWithValue("$s", now.ToUnixTimeMilliseconds());
        var sequences = new long[alerts.Count];
        for (var i = 0; i < alerts.Count; i++)
        {
            var alert = alerts[i];
            sequences[i] = next++;
            (key.Value, name.Value, time.Value, json.Value, sequence.Value) = (alert.Key, alert.Name, alert.Time.ToUnixTimeMilliseconds(), alert.Json, sequences[i]);
            upsert.ExecuteNonQuery();
        }
        using var move = Command(c, t, "INSERT INTO settings (name, value) VALUES ('detection_cursor', $v) ON CONFLICT (name) DO UPDATE SET value = excluded.value");
        move.Parameters.AddWithValue("$v", cursor);
        move.ExecuteNonQuery();
        return sequences;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredAlert>> AlertsAsync(DateTimeOffset? since, string? name, RecordPosition? after, int limit, CancellationToken cancellationToken) => ReadAsync(c =>
    {
        // Without a bound, the newest: what a view of recent alerts wants from a long-running service. "time >= cursor"
        // repeats what the OR implies so that the index on (time, seq) starts a deep page at the cursor.
        using var command = Command(c, null, since is null && after is null
            ? "SELECT key, name, time, json, seq FROM (SELECT key, name, time, json, seq FROM alerts WHERE ($n IS NULL OR name = $n) ORDER BY time DESC, seq DESC LIMIT $l) ORDER BY time, seq"
            : "SELECT key, name, time, json, seq FROM alerts WHERE time >= $s AND time >= $at AND (time > $at OR (time = $at AND seq > $ai)) AND ($n IS NULL OR name = $n) ORDER BY time, seq LIMIT $l");
        var (afterTime, afterSequence) = after is { } a ? (a.Time.ToUnixTimeMilliseconds(), a.Id) : (long.MinValue, long.MinValue);
        command.Parameters.AddWithValue("$s", since?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue("$at", afterTime);
        command.Parameters.AddWithValue("$ai", afterSequence);
        command.Parameters.AddWithValue("$n", (object?)name ?? DBNull.Value);
        command.Parameters.AddWithValue("$l", limit);
        return Rows(command, StoredRows.Alert);
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredAlert>> AlertsAfterAsync(long sequence, int limit, CancellationToken cancellationToken) => ReadAsync(c =>
    {
        using var command = Command(c, null, "SELECT key, name, time, json, seq FROM alerts WHERE seq > $q ORDER BY seq LIMIT $l");
        command.Parameters.AddWithValue("$q", sequence);
        command.Parameters.AddWithValue("$l", limit);
        return Rows(command, StoredRows.Alert);
    }, cancellationToken);

    /// <inheritdoc />
    public Task AppendChangeAsync(StoredChange change, CancellationToken cancellationToken) => WriteAsync((c, t) =>
    {
        using var insert = Command(c, t, "INSERT INTO changes (sequence, time, json) VALUES ($s, $t, $j) ON CONFLICT (sequence) DO NOTHING");
        insert.Parameters.AddWithValue("$s", change.Sequence);
        insert.Parameters.AddWithValue("$t", change.Time.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$j", change.Json);
        return insert.ExecuteNonQuery();
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredChange>> ChangesAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken) => ReadAsync(c =>
    {
        using var command = Command(c, null, since is null
            ? "SELECT sequence, time, json FROM (SELECT sequence, time, json FROM changes ORDER BY sequence DESC LIMIT $l) ORDER BY sequence"
            : "SELECT sequence, time, json FROM changes WHERE time >= $s ORDER BY sequence LIMIT $l");
        command.Parameters.AddWithValue("$s", since?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue("$l", limit);
        return Rows(command, StoredRows.Change);
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredChange>> ChangesAfterAsync(long sequence, int limit, CancellationToken cancellationToken) => ReadAsync(c =>
    {
        using var command = Command(c, null, "SELECT sequence, time, json FROM changes WHERE sequence > $q ORDER BY sequence LIMIT $l");
        command.Parameters.AddWithValue("$q", sequence);
        command.Parameters.AddWithValue("$l", limit);
        return Rows(command, StoredRows.Change);
    }, cancellationToken);

    /// <inheritdoc />
    public Task<long> LastChangeAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => Scalar(c, "SELECT COALESCE(MAX(sequence), 0) FROM changes") is long value ? value : 0L, cancellationToken);

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
            (deleted, heldBack) = await WriteAsync((c, t) =>
            {
                long count = 0;
                foreach (var sql in new[] { "DELETE FROM records WHERE received < $c AND id <= " + DetectionCursor, "DELETE FROM alerts WHERE stored < $c", "DELETE FROM changes WHERE time < $c" })
                {
                    using var command = Command(c, t, sql);
                    command.Parameters.AddWithValue("$c", cutoff);
                    var rows = command.ExecuteNonQuery();
                    if (sql.Contains("records", StringComparison.Ordinal))
                        count += rows;
                }
                // Those left before the cutoff are unread.
                using var held = Command(c, t, "SELECT COUNT(*) FROM records WHERE received < $c");
                held.Parameters.AddWithValue("$c", cutoff);
                return (count, (long)held.ExecuteScalar()!);
            }, cancellationToken).ConfigureAwait(false);
        }
        // By size: drop the oldest tenth of the records until the pages in use fit (freed pages are reused, so the file stops
        // growing), but never a record detection has not read: it would lose the alerts of those records.
        for (var round = 0; policy.MaxBytes is { } max && round < 20 && await UsedBytesAsync(cancellationToken).ConfigureAwait(false) > max; round++)
        {
            var removed = await WriteAsync((c, t) =>
            {
                using var command = Command(c, t, "DELETE FROM records WHERE id <= MIN((SELECT MIN(id) + (MAX(id) - MIN(id)) / 10 FROM records), " + DetectionCursor + ")");
                return command.ExecuteNonQuery();
            }, cancellationToken).ConfigureAwait(false);
            deleted += removed;
            if (removed == 0)
            {
                // Still too large, with nothing left that detection has read.
                heldBack = await ReadAsync(c => (long)Scalar(c, "SELECT COUNT(*) FROM records WHERE id > " + DetectionCursor)!, cancellationToken).ConfigureAwait(false);
                break;
            }
        }
        return new RetentionOutcome(deleted, heldBack);
    }

    private Task<long> UsedBytesAsync(CancellationToken cancellationToken) => ReadAsync(c =>
        ((long)Scalar(c, "PRAGMA page_count")! - (long)Scalar(c, "PRAGMA freelist_count")!) * (long)Scalar(c, "PRAGMA page_size")!, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        _writeLock.Dispose();
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
