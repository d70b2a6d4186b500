using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace Palisade.Server.Queue;

/// <summary>
/// The JetStream stream that replicas share: file storage, work-queue retention (a batch leaves the stream once a
/// replica has committed it to the store and acknowledged it), bounded in bytes with new messages refused when full
/// (so the front end answers 429 instead of the stream growing), and a duplicate window so that a publish retried
/// after a lost acknowledgement is stored once. <c>nats://host:port/NAME</c> names a stream of its own
/// (<c>PALISADE_INGEST_NAME</c> on <c>palisade.ingest.NAME</c>), so that deployments sharing a NATS server stay apart.
/// Thread-safe, as the NATS client is.
/// </summary>
public sealed class NatsQueue : IAsyncDisposable
{
    /// <summary>The durable consumer every replica pulls from.</summary>
    public const string ConsumerName = "palisade-store";

    private NatsQueue(NatsClient client, INatsJSContext jetStream, string name, string streamName, string subject)
    {
        Client = client;
        JetStream = jetStream;
        Name = name;
        StreamName = streamName;
        Subject = subject;
    }

    /// <summary>The stream's name.</summary>
    public string StreamName { get; }

    /// <summary>The subject batches are published on.</summary>
    public string Subject { get; }

    /// <summary>The connection.</summary>
    public NatsClient Client { get; }

    /// <summary>JetStream on it.</summary>
    public INatsJSContext JetStream { get; }

    /// <summary>The server's address, for logs.</summary>
    public string Name { get; }

    /// <summary>Connects and creates (or updates) the stream and the durable consumer; <see cref="InvalidInputException"/> naming <c>--queue</c> when it cannot.</summary>
    public static async Task<NatsQueue> ConnectAsync(string url, CancellationToken cancellationToken, long maxBytes = 1L << 30)
    {
        var (server, suffix) = Split(url);
        var (streamName, subject) = suffix.Length == 0 ? ("PALISADE_INGEST", "palisade.ingest") : ($"PALISADE_INGEST_{suffix}", $"palisade.ingest.{suffix}");
        var client = new NatsClient(new NatsOpts { Url = server, Name = "palisade-serve", ConnectTimeout = TimeSpan.FromSeconds(5) });
        try
        {
            await client.ConnectAsync().ConfigureAwait(false);
            var jetStream = client.CreateJetStreamContext();
            await jetStream.CreateOrUpdateStreamAsync(new StreamConfig(streamName, [subject])
            {
                Storage = StreamConfigStorage.File,
                Retention = StreamConfigRetention.Workqueue,
                Discard = StreamConfigDiscard.New,
                MaxBytes = maxBytes,
                DuplicateWindow = TimeSpan.FromMinutes(2),
            }, cancellationToken).ConfigureAwait(false);
            await jetStream.CreateOrUpdateConsumerAsync(streamName, new ConsumerConfig(ConsumerName)
            {
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                AckWait = TimeSpan.FromSeconds(60),
                MaxAckPending = 1000,
            }, cancellationToken).ConfigureAwait(false);
            return new NatsQueue(client, jetStream, url, streamName, subject);
        }
        catch (Exception e) when (e is NatsException or TimeoutException or OperationCanceledException)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new InvalidInputException(null, null, "--queue", $"{url}: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>The server's address and the stream's name from <c>nats://host:port[/NAME]</c>.</summary>
    private static (string Server, string Name) Split(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var slash = url.IndexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (slash < 0)
            return (url, "");
        var name = url[(slash + 1)..].TrimEnd('/');
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-')
                throw new InvalidInputException(null, null, "--queue", $"{url}: the stream name \"{name}\" may hold only letters, digits, '_' and '-'");
        }
        return (url[..slash], name);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
