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
    ];

    /// <summary>The newest version.</summary>
    public static int Current => All[^1].Version;
}
