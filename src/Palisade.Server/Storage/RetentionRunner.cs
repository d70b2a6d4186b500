using Microsoft.Extensions.Logging;
using Palisade.Server.Metrics;

namespace Palisade.Server.Storage;

/// <summary>
/// Applies the retention policy every few minutes. What it keeps because detection has not read it is shown, in
/// <c>palisade_retention_held_back_records</c> and a warning each pass, since the store then stays over its limits: an
/// operator should know that detection is behind, or that no replica detects.
/// </summary>
public sealed class RetentionRunner(IRecordStore store, RetentionPolicy policy, ServerMetrics metrics, ILogger logger)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>Runs a pass now and then every few minutes, until cancelled; a failed pass is logged and the next one tried.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await PassAsync(DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "retention failed");
                }
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One pass, as of <paramref name="now"/>.</summary>
    public async Task<RetentionOutcome> PassAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcome = await store.ApplyRetentionAsync(policy, now, cancellationToken).ConfigureAwait(false);
        metrics.RetentionHeldBack.Set(outcome.HeldBack);
        if (outcome.Deleted > 0)
            logger.LogInformation("retention deleted {Count} records", outcome.Deleted);
        if (outcome.HeldBack > 0)
        {
            logger.LogWarning("retention kept {Count} records it would delete (older than --retention, or the store over --retention-max-bytes) because detection has not read them; they go once it has",
                outcome.HeldBack);
        }
        return outcome;
    }
}
