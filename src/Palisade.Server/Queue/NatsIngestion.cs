using System.Security.Cryptography;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Palisade.Server.Ingestion;
using Palisade.Server.Storage;

namespace Palisade.Server.Queue;

/// <summary>
/// Ingestion through JetStream (<c>--queue</c>): a batch is acknowledged once JetStream has stored it (its
/// acknowledgement comes after the write to its file store), and replicas commit it to the database later; the
/// store's hashes keep a batch delivered twice from being stored twice. A stream full of unconsumed batches refuses
/// new ones, answered as 429. Thread-safe.
/// </summary>
public sealed class NatsIngestion(NatsQueue queue, int capacity) : IIngestion
{
    private long _pending;

    /// <inheritdoc />
    public long Pending => Interlocked.Read(ref _pending);

    /// <inheritdoc />
    public async Task<IngestOutcome> SubmitAsync(IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        if (Interlocked.Add(ref _pending, records.Count) > capacity)
        {
            Interlocked.Add(ref _pending, -records.Count);
            return IngestOutcome.Full(TimeSpan.FromSeconds(1));
        }
        try
        {
            var data = BatchCodec.Encode(records);
            // The message id is the batch's content: a client's retry of the same body within the window is one message.
            var id = Convert.ToHexString(SHA256.HashData(data));
            var ack = await queue.JetStream.PublishAsync(queue.Subject, data, NatsRawSerializer<byte[]>.Default,
                new NatsJSPubOpts { MsgId = id }, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            if (ack.Error is { } error)
            {
                if (error.Code is 503 or 400 && error.Description?.Contains("maximum", StringComparison.OrdinalIgnoreCase) == true)
                    return IngestOutcome.Full(TimeSpan.FromSeconds(1));
                throw new InvalidOperationException($"JetStream refused the batch: {error.Code} {error.Description}");
            }
            return new IngestOutcome(true, records.Count, ack.Duplicate ? records.Count : 0, TimeSpan.Zero);
        }
        catch (NatsJSApiException e) when (e.Error.Description?.Contains("maximum", StringComparison.OrdinalIgnoreCase) == true)
        {
            return IngestOutcome.Full(TimeSpan.FromSeconds(1));
        }
        finally
        {
            Interlocked.Add(ref _pending, -records.Count);
        }
    }
}
