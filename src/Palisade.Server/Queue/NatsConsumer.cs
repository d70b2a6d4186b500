using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Palisade.Server.Storage;

namespace Palisade.Server.Queue;

/// <summary>
/// A replica's share of the stream: pulls batches from the durable consumer (replicas share it, each batch goes to
/// one), commits a group of them to the store in one transaction, then acknowledges each. A replica that dies before
/// acknowledging leaves its batches to be redelivered after the ack wait; the store's hashes make that harmless.
/// </summary>
public sealed class NatsConsumer(NatsQueue queue, IRecordStore store, ILogger<NatsConsumer> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var consumer = await queue.JetStream.GetConsumerAsync(queue.StreamName, NatsQueue.ConsumerName, stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            var messages = new List<INatsJSMsg<byte[]>>();
            try
            {
                await foreach (var message in consumer.FetchNoWaitAsync(new NatsJSFetchOpts { MaxMsgs = 200 }, NatsRawSerializer<byte[]>.Default, stoppingToken).ConfigureAwait(false))
                    messages.Add(message);
                if (messages.Count == 0)
                {
                    await foreach (var message in consumer.FetchAsync(new NatsJSFetchOpts { MaxMsgs = 200, Expires = TimeSpan.FromSeconds(1) }, NatsRawSerializer<byte[]>.Default, stoppingToken).ConfigureAwait(false))
                        messages.Add(message);
                }
                if (messages.Count == 0)
                    continue;
                var records = new List<IngestRecord>();
                foreach (var message in messages)
                {
                    try
                    {
                        records.AddRange(BatchCodec.Decode(message.Data));
                    }
                    catch (InvalidDataException e)
                    {
                        logger.LogError("dropping a malformed batch from the queue: {Message}", e.Message);
                    }
                }
                await store.AppendAsync(records, stoppingToken).ConfigureAwait(false);
                foreach (var message in messages)
                    await message.AckAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NatsException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                logger.LogError(e, "consuming the queue failed; {Count} batches will be redelivered", messages.Count);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
