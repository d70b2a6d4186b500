using Microsoft.Extensions.Logging;
using Palisade.Findings;
using Palisade.Posture;

namespace Palisade.Server.Watch;

/// <summary>
/// Runs the posture checks (<c>lint</c>) on the live cluster, debounced: a burst of changes costs one run, a quiet
/// period after the last change. The findings of the latest run are swapped in atomically. Thread-safe.
/// </summary>
public sealed class PostureRunner(LiveCluster live, ILogger logger, TimeSpan quiet)
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private Tuple<long, FindingsResult>? _latest;

    /// <summary>The findings of the latest run and the snapshot version they are of; null before the first run.</summary>
    public (long Version, FindingsResult Findings)? Latest => Volatile.Read(ref _latest) is { } latest ? (latest.Item1, latest.Item2) : null;

    /// <summary>Told by the live cluster when a snapshot is published.</summary>
    public void Changed()
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one run covers both changes.
            }
        }
    }

    /// <summary>The findings for the snapshot now, running the checks at once if the latest run is older.</summary>
    public FindingsResult Now()
    {
        var snapshot = live.Current ?? throw new InvalidOperationException("no snapshot yet");
        if (Latest is { } latest && latest.Version == snapshot.Version)
            return latest.Findings;
        return Run(snapshot);
    }

    private FindingsResult Run(LiveSnapshot snapshot)
    {
        var findings = LintUseCase.Run(snapshot.Cluster, new LintOptions()).Findings;
        Volatile.Write(ref _latest, Tuple.Create(snapshot.Version, findings));
        return findings;
    }

    /// <summary>Runs after each quiet period that follows a change, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await _changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(quiet, cancellationToken).ConfigureAwait(false);
                while (_changed.CurrentCount > 0)
                {
                    await _changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                    await Task.Delay(quiet, cancellationToken).ConfigureAwait(false);
                }
                if (live.Current is { } snapshot)
                {
                    try
                    {
                        Run(snapshot);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogError(e, "posture checks failed on snapshot {Version}", snapshot.Version);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
