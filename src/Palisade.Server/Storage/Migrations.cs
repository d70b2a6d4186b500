namespace Palisade.Server.Storage;

/// <summary>
/// The schema's versions, in order. A store applies the ones it has not recorded in <c>schema_migrations</c>, all in one
/// transaction (a start that fails half way leaves the schema as it was); a released version is never edited, a change
/// is a new version.
/// </summary>
public static class Migrations
{
    /// <summary>Every version.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "records, alerts, changes, settings",
            Sqlite:
            [
                "CREATE TABLE records (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, format TEXT NOT NULL, hash BLOB NOT NULL UNIQUE, time INTEGER NOT NULL, received INTEGER NOT NULL, body BLOB NOT NULL)",
                "CREATE INDEX records_time ON records (kind, time)",
                "CREATE TABLE alerts (key TEXT PRIMARY KEY, name TEXT NOT NULL, time INTEGER NOT NULL, json TEXT NOT NULL)",
                "CREATE INDEX alerts_time ON alerts (time)",
                "CREATE TABLE changes (sequence INTEGER PRIMARY KEY, time INTEGER NOT NULL, json TEXT NOT NULL)",
                "CREATE INDEX changes_time ON changes (time)",
                "CREATE TABLE settings (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
            ],
            Postgres:
            [
                "CREATE TABLE records (id BIGSERIAL PRIMARY KEY, kind SMALLINT NOT NULL, format TEXT NOT NULL, hash BYTEA NOT NULL UNIQUE, time BIGINT NOT NULL, received BIGINT NOT NULL, body BYTEA NOT NULL)",
                "CREATE INDEX records_time ON records (kind, time)",
                "CREATE TABLE alerts (key TEXT PRIMARY KEY, name TEXT NOT NULL, time BIGINT NOT NULL, json TEXT NOT NULL)",
                "CREATE INDEX alerts_time ON alerts (time)",
                "CREATE TABLE changes (sequence BIGINT PRIMARY KEY, time BIGINT NOT NULL, json TEXT NOT NULL)",
                "CREATE INDEX changes_time ON changes (time)",
                "CREATE TABLE settings (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
            ]),
        // Alerts get the sequence an alert stream resumes from (the event id, durable across restarts) and pages by among
        // alerts of one time, and when they were last stored, which retention keys on (a backfilled event's alert is not
        // deleted at once for its old time). Existing alerts are numbered in their order, below any later sequence (those
        // are microseconds), and count as stored at the upgrade. SQLite has one writer process, so no previous release
        // writes beside it; PostgreSQL's replicas do during a rolling update (see below).
        new(2, "alerts: sequence and time stored",
            Sqlite:
            [
                "ALTER TABLE alerts ADD COLUMN seq INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE alerts ADD COLUMN stored INTEGER NOT NULL DEFAULT 0",
                "UPDATE alerts SET seq = n.n, stored = CAST(strftime('%s', 'now') AS INTEGER) * 1000 FROM (SELECT key, ROW_NUMBER() OVER (ORDER BY time, key) AS n FROM alerts) AS n WHERE n.key = alerts.key",
                "CREATE UNIQUE INDEX alerts_seq ON alerts (seq)",
                "CREATE INDEX alerts_time_seq ON alerts (time, seq)",
                "CREATE INDEX alerts_stored ON alerts (stored)",
                "DROP INDEX alerts_time",
            ],
            Postgres:
            [
                "ALTER TABLE alerts ADD COLUMN seq BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE alerts ADD COLUMN stored BIGINT NOT NULL DEFAULT 0",
                "UPDATE alerts SET seq = n.n, stored = (extract(epoch FROM now()) * 1000)::bigint FROM (SELECT key, ROW_NUMBER() OVER (ORDER BY time, key) AS n FROM alerts) AS n WHERE n.key = alerts.key",
                // A rolling update runs replicas of the previous release beside the upgraded schema: their inserts, which
                // name neither column, get the time (as a sequence, in microseconds, and as stored) instead of 0, which
                // the resume would pass and retention delete at once; so the index cannot be unique.
                "ALTER TABLE alerts ALTER COLUMN seq SET DEFAULT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint",
                "ALTER TABLE alerts ALTER COLUMN stored SET DEFAULT (extract(epoch FROM clock_timestamp()) * 1000)::bigint",
                "CREATE INDEX alerts_seq ON alerts (seq)",
                "CREATE INDEX alerts_time_seq ON alerts (time, seq)",
                "CREATE INDEX alerts_stored ON alerts (stored)",
                "DROP INDEX alerts_time",
            ]),
        // Retention by age deletes the records received before its cutoff: without an index it reads the whole table every
        // pass. PostgreSQL builds the index under a lock that holds inserts (not reads) back while it runs, which on a large
        // table takes a while: CREATE INDEX CONCURRENTLY cannot run in the migration's transaction, so docs/serve.md tells
        // how to build it concurrently before the upgrade, which then finds it; an index such a build left invalid (it
        // failed) is dropped and built again.
        new(3, "records: index on the time received",
            Sqlite:
            [
                "CREATE INDEX records_received ON records (received)",
            ],
            Postgres:
            [
                "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('records_received') AND NOT indisvalid) THEN DROP INDEX records_received; END IF; END $$",
                "CREATE INDEX IF NOT EXISTS records_received ON records (received)",
            ]),
    ];

    /// <summary>The newest version.</summary>
    public static int Current => All[^1].Version;
}
