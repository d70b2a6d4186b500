namespace Palisade.Server.Ingestion;

/// <summary>What became of a submitted batch: committed (with how many records were already stored), or refused because the queue is full.</summary>
public sealed record IngestOutcome(bool Committed, int Accepted, int Duplicates, TimeSpan RetryAfter)
{
    /// <summary>The queue is full: try again after the pause.</summary>
    public static IngestOutcome Full(TimeSpan retryAfter) => new(false, 0, 0, retryAfter);
}
