using Palisade.Server.Storage;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Storage;

/// <summary>The store contract on PostgreSQL (a fresh database per test).</summary>
public sealed class PostgresStoreTests : StoreContract
{
    private string? url;

    protected override async Task<IRecordStore> OpenAsync()
    {
        url = await TestServices.FreshPostgresDatabaseAsync();
        return await PostgresStore.OpenAsync(url, TestContext.Current.CancellationToken);
    }

    protected override async Task<IRecordStore> ReopenAsync() => await PostgresStore.OpenAsync(url!, TestContext.Current.CancellationToken);

    protected override async Task<IRecordStore> OpenPreparedAsync(IEnumerable<string> statements)
    {
        url = await TestServices.FreshPostgresDatabaseAsync();
        var (connectionString, _) = PostgresUrl.Parse(url);
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            foreach (var sql in statements)
            {
                await using var command = new Npgsql.NpgsqlCommand(sql.Replace("applied TEXT", "applied TIMESTAMPTZ", StringComparison.Ordinal), connection);
                await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
        }
        return await PostgresStore.OpenAsync(url, TestContext.Current.CancellationToken);
    }

    protected override IReadOnlyList<string> Dialect(Migration migration) => migration.Postgres;

    protected override string BytesLiteral => "'\\x0102'::bytea";

    protected override async Task<IReadOnlyList<string>> IndexesAsync(string table)
    {
        var (connectionString, _) = PostgresUrl.Parse(url!);
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        // Only valid indexes: one a failed CREATE INDEX CONCURRENTLY left is not used.
        await using var command = new Npgsql.NpgsqlCommand("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::regclass AND i.indisvalid", connection);
        command.Parameters.AddWithValue(table);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            names.Add(reader.GetString(0));
        return names;
    }

    [Fact]
    public async Task During_a_rolling_update_a_replica_of_the_previous_release_still_stores_alerts_that_streams_resume_and_retention_keeps()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var first = await Store.SaveDetectionAsync([new StoredAlert("new", "exec", t, "{\"v\":1}")], 1, TestContext.Current.CancellationToken);
        var (connectionString, _) = PostgresUrl.Parse(url!);
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            // The previous release's upsert, which knows neither seq nor stored, for two new keys.
            await using var old = new Npgsql.NpgsqlCommand("INSERT INTO alerts (key, name, time, json) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) ON CONFLICT (key) DO UPDATE SET name = excluded.name, time = excluded.time, json = excluded.json", connection);
            old.Parameters.AddWithValue(new[] { "old-1", "old-2" });
            old.Parameters.AddWithValue(new[] { "exec", "exec" });
            old.Parameters.AddWithValue(new[] { 1_700_000_000_000L, 1_700_000_000_000L });
            old.Parameters.AddWithValue(new[] { "{\"v\":2}", "{\"v\":3}" });
            await old.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await Store.ApplyRetentionAsync(new RetentionPolicy(TimeSpan.FromDays(7), null), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.Equal(["{\"v\":2}", "{\"v\":3}"], (await Store.AlertsAfterAsync(first[0], 10, TestContext.Current.CancellationToken)).Select(a => a.Json).Order());
    }

    [Fact]
    public async Task An_index_on_when_records_were_received_that_a_failed_concurrent_build_left_invalid_is_built_again_by_the_upgrade()
    {
        var address = await TestServices.FreshPostgresDatabaseAsync();
        var (connectionString, _) = PostgresUrl.Parse(address);
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            IEnumerable<string> versionTwo =
            [
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied TIMESTAMPTZ NOT NULL)",
                .. Migrations.All[0].Postgres, .. Migrations.All[1].Postgres,
                "INSERT INTO schema_migrations (version, description, applied) VALUES (1, 'v1', now()), (2, 'v2', now())",
                "INSERT INTO records (kind, format, hash, time, received, body) VALUES (0, 'hubble', '\\x01', 1, 1, '\\x01'), (0, 'hubble', '\\x02', 1, 1, '\\x02')",
            ];
            foreach (var sql in versionTwo)
            {
                await using var command = new Npgsql.NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
            // What docs/serve.md offers an operator ahead of the upgrade, failing (here a unique build over equal values):
            // PostgreSQL keeps the index, marked invalid.
            await using var failed = new Npgsql.NpgsqlCommand("CREATE UNIQUE INDEX CONCURRENTLY records_received ON records (received)", connection);
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => failed.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }
        url = address;
        Assert.DoesNotContain("records_received", await IndexesAsync("records"));

        await using var upgraded = await PostgresStore.OpenAsync(address, TestContext.Current.CancellationToken);

        Assert.Contains("records_received", await IndexesAsync("records"));
    }

    [Fact]
    public void A_malformed_address_is_bad_input_naming_the_option_without_the_password()
    {
        var e = Assert.Throws<InvalidInputException>(() => PostgresUrl.Parse("postgres://user:secret@"));
        Assert.Contains("--store", e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }
}
