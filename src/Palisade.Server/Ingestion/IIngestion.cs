using Palisade.Server.Storage;

namespace Palisade.Server.Ingestion;

/// <summary>
/// Takes parsed records to durable storage. <see cref="SubmitAsync"/> completes only once the records are durably
/// committed (in the store, or in the JetStream stream that replicas consume), or says the queue is full; it never
/// buffers beyond its bound. Implementations: <see cref="LocalIngestion"/> (write-ahead into the store) and
/// <c>Queue.NatsIngestion</c> (<c>--queue nats://…</c>). Thread-safe.
/// </summary>
public interface IIngestion
{
    /// <summary>Commits the batch, or refuses it when the queue is full.</summary>
    Task<IngestOutcome> SubmitAsync(IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken);

    /// <summary>Records accepted and not yet committed.</summary>
    long Pending { get; }
}
