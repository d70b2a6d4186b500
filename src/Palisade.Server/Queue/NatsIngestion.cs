using System.Security.Cryptography;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Palisade.Server.Ingestion;
using Palisade.Server.Storage;

namespace Palisade.Server.Queue;

/// <summary>
/// Ingestion through JetStream (<c>--queue</c>): a batch is acknowledged once JetStream has stored it (its
/// acknowledgement comes after the write to its file store), and replicas commit it to the database later; the
/// store's hashes keep a batch delivered twice from being stored twice. A batch larger than the NATS server's message
/// limit (1 MiB by default, where a request body may be 16 MiB) is published as several messages, each within it. A
/// stream full of unconsumed batches refuses new ones, answered as 429. Thread-safe.
/// </summary>
public sealed class NatsIngestion(NatsQueue queue, int capacity) : IIngestion
{
    /// <summary>What a message's headers (its id) and the batch's own framing may take beside the records.</summary>
    private const int Headroom = 4096;

    private long _pending;

    /// <inheritdoc />
    public long Pending => Interlocked.Read(ref _pending);

    /// <inheritdoc />
    public async Task<IngestOutcome> SubmitAsync(IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        // As without NATS: a batch that can never fit is 413, not a 429 its sender would retry for ever.
        if (records.Count > capacity)
            throw new Api.ApiProblem(413, $"a batch may hold at most {capacity} records");
        if (Interlocked.Add(ref _pending, records.Count) > capacity)
        {
            Interlocked.Add(ref _pending, -records.Count);
            return IngestOutcome.Full(TimeSpan.FromSeconds(1));
        }
        try
        {
            var duplicates = 0;
            // All parts first: a record too large for any message is 413 before anything is published.
            foreach (var part in Parts(records, MaxMessageBytes()).ToList())
            {
                var data = BatchCodec.Encode(part);
                // The message id is the part's content: a client's retry of the same body within the window is one message.
                var id = Convert.ToHexString(SHA256.HashData(data));
                var ack = await queue.JetStream.PublishAsync(queue.Subject, data, NatsRawSerializer<byte[]>.Default,
                    new NatsJSPubOpts { MsgId = id }, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                if (ack.Error is { } error)
                {
                    // Parts already published stay: the store's hashes make the sender's retry of the whole body harmless.
                    if (error.Code is 503 or 400 && error.Description?.Contains("maximum", StringComparison.OrdinalIgnoreCase) == true)
                        return IngestOutcome.Full(TimeSpan.FromSeconds(1));
                    throw new InvalidOperationException($"JetStream refused the batch: {error.Code} {error.Description}");
                }
                duplicates += ack.Duplicate ? part.Count : 0;
            }
            return new IngestOutcome(true, records.Count, duplicates, TimeSpan.Zero);
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

    /// <summary>The most a message's records may take: the server's limit (from its INFO) less the headroom.</summary>
    private int MaxMessageBytes() =>
        Math.Max((queue.Client.Connection.ServerInfo?.MaxPayload is > 0 and var max ? max : 1 << 20) - Headroom, Headroom);

    /// <summary>
    /// The records in consecutive parts whose encoding stays within <paramref name="maxBytes"/>; one record alone over it
    /// is 413, as it can never be published.
    /// </summary>
    private static IEnumerable<List<IngestRecord>> Parts(IReadOnlyList<IngestRecord> records, int maxBytes)
    {
        var part = new List<IngestRecord>();
        long size = 0;
        foreach (var record in records)
        {
            // Kind, format (with its length), hash (with its length), time and body (with its length), as BatchCodec writes them.
            var bytes = 1 + 1 + record.Format.Length + 1 + record.Hash.Length + 8 + 4 + (long)record.Body.Length;
            if (bytes > maxBytes)
                throw new Api.ApiProblem(413, $"a record of {record.Body.Length} bytes exceeds the queue's message limit ({maxBytes} bytes)");
            if (part.Count > 0 && size + bytes > maxBytes)
            {
                yield return part;
                part = [];
                size = 0;
            }
            part.Add(record);
            size += bytes;
        }
        if (part.Count > 0)
            yield return part;
    }
}
