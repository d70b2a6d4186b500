using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Palisade.Server.Storage;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Ingestion;

/// <summary>
/// Over HTTP: while the store is held (another process's write lock on the SQLite file), a request that does not fit
/// in the queue gets 429 with <c>Retry-After</c> and is not kept, and the waiting one gets its 202 once committed.
/// </summary>
public sealed class QueueFullTests : IAsyncLifetime
{
    private TestServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await TestServer.StartAsync((o, _) => o with { QueueCapacity = 10, Detect = false });

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_request_that_does_not_fit_in_the_queue_is_429_with_retry_after_and_is_not_kept()
    {
        var file = server.Server.State.Options.StoreAddress["sqlite:".Length..];
        Task<HttpResponseMessage> waiting;
        using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            holder.Open();
            using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                begin.ExecuteNonQuery();
            }
            waiting = server.Client.PostAsync("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(0, 10)), Cancel);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (server.Server.State.Ingestion.Pending < 10)
            {
                Assert.True(DateTime.UtcNow < deadline, "the first request did not reach the queue");
                await Task.Delay(20, Cancel);
            }

            using var refused = await server.Client.PostAsync("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(100, 1)), Cancel);

            Assert.Equal((HttpStatusCode)429, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
            Assert.Contains("queue is full", JsonNode.Parse(await refused.Content.ReadAsStringAsync(Cancel))!["error"]!.GetValue<string>());
            using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }
        using var accepted = await waiting;

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(10, JsonNode.Parse(await accepted.Content.ReadAsStringAsync(Cancel))!["accepted"]!.GetValue<int>());
        Assert.Equal(10, await server.Server.State.Store.CountSinceAsync(RecordKind.Flow, DateTimeOffset.UnixEpoch, Cancel));
    }

    [Fact]
    public async Task A_batch_larger_than_the_queue_is_413_saying_the_most_it_may_hold()
    {
        using var response = await server.Client.PostAsync("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(0, 11)), Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 10 records", JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!["error"]!.GetValue<string>());
        Assert.Equal(0, await server.Server.State.Store.CountSinceAsync(RecordKind.Flow, DateTimeOffset.UnixEpoch, Cancel));
    }
}
