using Palisade.Server.Storage;

namespace Palisade.Server.Tests.Storage;

/// <summary>The store contract on SQLite.</summary>
public sealed class SqliteStoreTests : StoreContract, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("palisade-sqlite-").FullName;

    protected override async Task<IRecordStore> OpenAsync() => await SqliteStore.OpenAsync(Path.Combine(directory, "store.db"), TestContext.Current.CancellationToken);

    protected override Task<IRecordStore> ReopenAsync() => OpenAsync();

    protected override async Task<IRecordStore> OpenPreparedAsync(IEnumerable<string> statements)
    {
        var path = Path.Combine(directory, "prepared.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            foreach (var sql in statements)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
        }
        return await SqliteStore.OpenAsync(path, TestContext.Current.CancellationToken);
    }

    protected override IReadOnlyList<string> Dialect(Migration migration) => migration.Sqlite;

    protected override string BytesLiteral => "X'0102'";

    protected override async Task<IReadOnlyList<string>> IndexesAsync(string table)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={((SqliteStore)Store).Path};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = $t";
        command.Parameters.AddWithValue("$t", table);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            names.Add(reader.GetString(0));
        return names;
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task The_file_is_in_WAL_mode()
    {
        Assert.Equal(Migrations.Current, await Store.SchemaVersionAsync(TestContext.Current.CancellationToken));
        var path = Path.Combine(directory, "store.db");
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }
}
