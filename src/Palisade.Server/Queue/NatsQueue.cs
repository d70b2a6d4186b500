using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace Palisade.Server.Queue;

/// <summary>
/// The JetStream stream that replicas share: file storage, work-queue retention (a batch leaves the stream once a
/// replica has committed it to the store and acknowledged it), bounded in bytes with new messages refused when full
/// (so the front end answers 429 instead of the stream growing), and a duplicate window so that a publish retried
/// after a lost acknowledgement is stored once. Thread-safe, as the NATS client is.
/// </summary>
public sealed class NatsQueue : IAsyncDisposable
{
    /// <summary>The stream's name.</summary>
    public const string StreamName = "PALISADE_INGEST";

    /// <summary>The subject batches are published on.</summary>
    public const string Subject = "palisade.ingest";

    /// <summary>The durable consumer every replica pulls from.</summary>
    public const string ConsumerName = "palisade-store";

    private NatsQueue(NatsClient client, INatsJSContext jetStream, string name)
    {
        Client = client;
        JetStream = jetStream;
        Name = name;
    }

    /// <summary>The connection.</summary>
    public NatsClient Client { get; }

    /// <summary>JetStream on it.</summary>
    public INatsJSContext JetStream { get; }

    /// <summary>The server's address, for logs.</summary>
    public string Name { get; }

    /// <summary>Connects and creates (or updates) the stream and the durable consumer; <see cref="InvalidInputException"/> naming <c>--queue</c> when it cannot.</summary>
    public static async Task<NatsQueue> ConnectAsync(string url, CancellationToken cancellationToken, long maxBytes = 1L << 30)
    {
        var client = new NatsClient(new NatsOpts { Url = url, Name = "palisade-serve", ConnectTimeout = TimeSpan.FromSeconds(5) });
        try
        {
            await client.ConnectAsync().ConfigureAwait(false);
            var jetStream = client.CreateJetStreamContext();
            await jetStream.CreateOrUpdateStreamAsync(new StreamConfig(StreamName, [Subject])
            {
                Storage = StreamConfigStorage.File,
                Retention = StreamConfigRetention.Workqueue,
                Discard = StreamConfigDiscard.New,
                MaxBytes = maxBytes,
                DuplicateWindow = TimeSpan.FromMinutes(2),
            }, cancellationToken).ConfigureAwait(false);
            await jetStream.CreateOrUpdateConsumerAsync(StreamName, new ConsumerConfig(ConsumerName)
            {
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                AckWait = TimeSpan.FromSeconds(60),
                MaxAckPending = 1000,
            }, cancellationToken).ConfigureAwait(false);
            return new NatsQueue(client, jetStream, url);
        }
        catch (Exception e) when (e is NatsException or TimeoutException or OperationCanceledException)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new InvalidInputException(null, null, "--queue", $"{url}: {e.Message.Split('\n')[0]}");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
