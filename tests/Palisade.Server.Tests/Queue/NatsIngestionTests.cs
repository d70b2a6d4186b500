using System.Net;
using System.Text.Json.Nodes;
using Palisade.Server.Storage;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Queue;

/// <summary>Ingestion through JetStream (<c>--queue</c>): acknowledged once in the stream, stored once by the replicas consuming it.</summary>
public sealed class NatsIngestionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_replicas_on_one_stream_store_every_acknowledged_flow_once()
    {
        var nats = $"{TestServices.Nats()}/test{Guid.NewGuid():N}";
        var database = await TestServices.FreshPostgresDatabaseAsync();
        await using var first = await TestServer.StartAsync((o, _) => o with { Queue = nats, Store = database });
        await using var second = await TestServer.StartAsync((o, _) => o with { Queue = nats, Store = database, Detect = false });
        var accepted = 0;
        for (var i = 0; i < 20; i++)
        {
            var client = i % 2 == 0 ? first.Client : second.Client;
            using var response = await client.PostAsync("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(i * 100, 100)), Cancel);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            accepted += JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!["accepted"]!.GetValue<int>();
        }
        // A client's retry of a body already acknowledged.
        using (var retry = await first.Client.PostAsync("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(0, 100)), Cancel))
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        long stored;
        while ((stored = await first.Server.State.Store.CountSinceAsync(RecordKind.Flow, DateTimeOffset.UnixEpoch, Cancel)) < accepted && DateTime.UtcNow < deadline)
            await Task.Delay(100, Cancel);

        Assert.Equal(2000, accepted);
        Assert.Equal(2000, stored);
        await Task.Delay(500, Cancel);
        Assert.Equal(2000, await first.Server.State.Store.CountSinceAsync(RecordKind.Flow, DateTimeOffset.UnixEpoch, Cancel));
    }

    [Fact]
    public async Task A_body_larger_than_a_NATS_message_may_be_is_acknowledged_and_stored_whole()
    {
        // nats-server's default max_payload is 1 MiB; --max-body-bytes is 16 MiB by default, so exporters send more.
        var nats = $"{TestServices.Nats()}/test{Guid.NewGuid():N}";
        var database = await TestServices.FreshPostgresDatabaseAsync();
        await using var server = await TestServer.StartAsync((o, _) => o with { Queue = nats, Store = database, Detect = false });
        var body = Bodies.Hubble(0, 10_000);
        Assert.True(body.Length > 2 << 20);

        using var response = await server.Client.PostAsync("api/v1/ingest/hubble", new StringContent(body), Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        Assert.Equal(10_000, JsonNode.Parse(text)!["accepted"]!.GetValue<int>());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await server.Server.State.Store.CountSinceAsync(RecordKind.Flow, DateTimeOffset.UnixEpoch, Cancel) < 10_000 && DateTime.UtcNow < deadline)
            await Task.Delay(100, Cancel);
        Assert.Equal(10_000, await server.Server.State.Store.CountSinceAsync(RecordKind.Flow, DateTimeOffset.UnixEpoch, Cancel));
    }

    [Fact]
    public async Task A_batch_of_more_records_than_the_queue_capacity_is_413_as_without_NATS()
    {
        var nats = $"{TestServices.Nats()}/test{Guid.NewGuid():N}";
        var database = await TestServices.FreshPostgresDatabaseAsync();
        await using var server = await TestServer.StartAsync((o, _) => o with { Queue = nats, Store = database, Detect = false, QueueCapacity = 10 });

        using var response = await server.Client.PostAsync("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(0, 11)), Cancel);

        // A 429 would be retried for ever: the batch can never fit.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_queue_address_with_a_bad_stream_name_is_refused_naming_the_option()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Palisade.Server.Queue.NatsQueue.ConnectAsync("nats://127.0.0.1:4222/bad.name", Cancel));

        Assert.Contains("--queue", error.Message);
        Assert.Contains("bad.name", error.Message);
    }
}
