using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Serve;

/// <summary>
/// <c>kill -9</c> of <c>palisade serve</c> while clients ingest, then a restart on the same store: every batch that was
/// answered 202 is there (sending it again finds every record a duplicate), and once the clients have retried what
/// was not answered, every flow is stored exactly once. SQLite and PostgreSQL.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int FlowsPerBatch = 200;
    private const int Clients = 8;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_loses_no_acknowledged_flow_to_kill_9()
    {
        var directory = Directory.CreateTempSubdirectory("palisade-crash-sqlite-").FullName;
        try
        {
            await KillDuringIngestionAndRecover($"sqlite:{Path.Combine(directory, "palisade.db")}", directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Postgres_loses_no_acknowledged_flow_to_kill_9()
    {
        var admin = Environment.GetEnvironmentVariable("PALISADE_TEST_POSTGRES");
        if (string.IsNullOrEmpty(admin))
            TestEnvironment.Unavailable("PALISADE_TEST_POSTGRES is not set: run .ci/services.sh start DIR and source DIR/env (.ci/run does)");
        var database = "palisade_crash_" + Guid.NewGuid().ToString("N")[..12];
        var (connectionString, _) = Palisade.Server.Storage.PostgresUrl.Parse(admin!);
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(Cancel);
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync(Cancel);
        }
        var directory = Directory.CreateTempSubdirectory("palisade-crash-postgres-").FullName;
        try
        {
            await KillDuringIngestionAndRecover(admin![..admin!.LastIndexOf('/')] + "/" + database, directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task KillDuringIngestionAndRecover(string store, string directory)
    {
        var acknowledged = new ConcurrentDictionary<int, bool>();
        var unanswered = new ConcurrentDictionary<int, bool>();
        var next = -1;
        var serve = await ServeProcess.StartAsync(store, directory);
        await using (serve)
        {
            using var client = new HttpClient { BaseAddress = serve.Address, Timeout = TimeSpan.FromSeconds(30) };
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var batch = Interlocked.Increment(ref next);
                    try
                    {
                        using var response = await client.PostAsync("api/v1/ingest/hubble", Batch(batch), CancellationToken.None);
                        if (response.StatusCode == HttpStatusCode.Accepted)
                            acknowledged[batch] = true;
                        else
                            unanswered[batch] = true;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        unanswered[batch] = true;
                        return;
                    }
                }
            })).ToArray();
            while (acknowledged.Count < 100)
            {
                Assert.False(senders.All(s => s.IsCompleted), $"the clients stopped before 100 batches were acknowledged:\n{serve.Log}");
                await Task.Delay(20, Cancel);
            }
            serve.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }
        var sent = next + 1;
        Assert.Equal(sent, acknowledged.Count + unanswered.Count);

        await using var restarted = await ServeProcess.StartAsync(store, directory);
        using var again = new HttpClient { BaseAddress = restarted.Address, Timeout = TimeSpan.FromSeconds(60) };
        var afterRestart = await Total(again);
        Assert.InRange(afterRestart, acknowledged.Count * (long)FlowsPerBatch, sent * (long)FlowsPerBatch);
        foreach (var batch in acknowledged.Keys)
        {
            var (accepted, duplicates) = await Post(again, batch);
            Assert.True(accepted == FlowsPerBatch && duplicates == FlowsPerBatch, $"acknowledged batch {batch} sent again: {accepted} accepted, {duplicates} already stored");
        }
        foreach (var batch in unanswered.Keys)
            await Post(again, batch);

        var final = await Total(again);
        output.WriteLine($"{store.Split(':')[0]}: {sent} batches of {FlowsPerBatch} sent, {acknowledged.Count} acknowledged before kill -9, " +
                         $"{afterRestart} flows stored after the restart, {final} after the clients retried");
        Assert.Equal(sent * (long)FlowsPerBatch, final);
    }

    private static async Task<(int Accepted, int Duplicates)> Post(HttpClient client, int batch)
    {
        using var response = await client.PostAsync("api/v1/ingest/hubble", Batch(batch), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"batch {batch}: {(int)response.StatusCode} {body}");
        var json = JsonNode.Parse(body)!;
        return (json["accepted"]!.GetValue<int>(), json["duplicates"]!.GetValue<int>());
    }

    private static async Task<long> Total(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync("api/v1/flows?limit=0", Cancel))!["total"]!.GetValue<long>();

    /// <summary>Batch <paramref name="batch"/>: Hubble lines unique across batches (by time and source address).</summary>
    private static StringContent Batch(int batch)
    {
        var text = new StringBuilder(FlowsPerBatch * 300);
        for (var i = 0; i < FlowsPerBatch; i++)
        {
            var n = batch * FlowsPerBatch + i;
            var time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddMilliseconds(n).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{{\"flow\":{{\"time\":\"{time}\",\"verdict\":\"FORWARDED\",\"IP\":{{\"source\":\"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}\",\"destination\":\"203.0.113.9\"}},")
                .Append(CultureInfo.InvariantCulture, $"\"l4\":{{\"TCP\":{{\"source_port\":{1024 + i},\"destination_port\":443,\"flags\":{{\"SYN\":true}}}}}}}},\"node_name\":\"node-1\"}}");
            text.Append('\n');
        }
        return new StringContent(text.ToString(), Encoding.UTF8, "application/x-ndjson");
    }
}
