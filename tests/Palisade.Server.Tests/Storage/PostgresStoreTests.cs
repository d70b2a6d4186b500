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

    protected override async Task<IRecordStore> OpenUpgradedFromVersionOneAsync()
    {
        url = await TestServices.FreshPostgresDatabaseAsync();
        var (connectionString, _) = PostgresUrl.Parse(url);
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            foreach (var sql in VersionOne(Migrations.All[0].Postgres))
            {
                await using var command = new Npgsql.NpgsqlCommand(sql.Replace("applied TEXT", "applied TIMESTAMPTZ", StringComparison.Ordinal), connection);
                await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
        }
        return await PostgresStore.OpenAsync(url, TestContext.Current.CancellationToken);
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
    public void A_malformed_address_is_bad_input_naming_the_option_without_the_password()
    {
        var e = Assert.Throws<InvalidInputException>(() => PostgresUrl.Parse("postgres://user:secret@"));
        Assert.Contains("--store", e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }
}
