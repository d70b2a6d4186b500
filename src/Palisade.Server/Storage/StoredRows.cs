using System.Data.Common;

namespace Palisade.Server.Storage;

/// <summary>
/// Alerts and changes as both stores select them (these columns in this order, times in Unix milliseconds): one
/// mapping, so that SQLite and PostgreSQL cannot drift apart in what a row becomes.
/// </summary>
internal static class StoredRows
{
    /// <summary>An alert from <c>key, name, time, json, seq</c>.</summary>
    public static StoredAlert Alert(DbDataReader row) =>
        new(row.GetString(0), row.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(2)), row.GetString(3)) { Sequence = row.GetInt64(4) };

    /// <summary>A change from <c>sequence, time, json</c>.</summary>
    public static StoredChange Change(DbDataReader row) =>
        new(row.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(1)), row.GetString(2));
}
