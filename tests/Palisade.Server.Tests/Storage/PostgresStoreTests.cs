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
    public void A_malformed_address_is_bad_input_naming_the_option_without_the_password()
    {
        var e = Assert.Throws<InvalidInputException>(() => PostgresUrl.Parse("postgres://user:secret@"));
        Assert.Contains("--store", e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }
}
