using Palisade.Testing;

namespace Palisade.Server.Tests.Support;

/// <summary>
/// The PostgreSQL and NATS servers .ci/run starts (.ci/services.sh) and names in PALISADE_TEST_POSTGRES and
/// PALISADE_TEST_NATS; without them the tests that need one fail in CI and are skipped elsewhere, saying why.
/// </summary>
public static class TestServices
{
    /// <summary>The PostgreSQL server's address (its <c>postgres</c> database).</summary>
    public static string Postgres()
    {
        var url = Environment.GetEnvironmentVariable("PALISADE_TEST_POSTGRES");
        if (string.IsNullOrEmpty(url))
            TestEnvironment.Unavailable("PALISADE_TEST_POSTGRES is not set: run .ci/services.sh start DIR and source DIR/env (.ci/run does)");
        return url!;
    }

    /// <summary>The NATS server's address.</summary>
    public static string Nats()
    {
        var url = Environment.GetEnvironmentVariable("PALISADE_TEST_NATS");
        if (string.IsNullOrEmpty(url))
            TestEnvironment.Unavailable("PALISADE_TEST_NATS is not set: run .ci/services.sh start DIR and source DIR/env (.ci/run does)");
        return url!;
    }

    /// <summary>A new, empty database on the PostgreSQL server, as a postgres:// address.</summary>
    public static async Task<string> FreshPostgresDatabaseAsync()
    {
        var admin = Postgres();
        var name = "palisade_test_" + Guid.NewGuid().ToString("N")[..12];
        var (connectionString, _) = Palisade.Server.Storage.PostgresUrl.Parse(admin);
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        return admin[..admin.LastIndexOf('/')] + "/" + name;
    }
}
