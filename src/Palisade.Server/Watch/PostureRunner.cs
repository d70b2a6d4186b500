using Microsoft.Extensions.Logging;
using Palisade.Findings;
using Palisade.Kubernetes.Live;
using Palisade.Posture;

namespace Palisade.Server.Watch;

/// <summary>
/// Runs the posture checks (<c>lint</c>) on the live cluster, debounced: the first snapshot at once, then a burst of
/// changes costs one run, a quiet period after the last change. One run per snapshot version: a request that needs the
/// findings while the run for that version is under way waits for it rather than starting another. The findings of
/// the latest run are swapped in atomically. Thread-safe.
/// </summary>
public sealed class PostureRunner(LiveCluster live, ILogger logger, TimeSpan quiet)
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private Tuple<long, Lazy<FindingsResult>>? _latest;
    private bool _ranOnce;

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
    public FindingsResult Now() => Run(live.Current ?? throw new InvalidOperationException("no snapshot yet"));

    private FindingsResult Run(LiveSnapshot snapshot)
    {
        var known = Volatile.Read(ref _latest);
        if (known is null || known.Item1 < snapshot.Version)
        {
            var fresh = Tuple.Create(snapshot.Version, new Lazy<FindingsResult>(() => Lint(snapshot)));
            known = Interlocked.CompareExchange(ref _latest, fresh, known) == known ? fresh : Volatile.Read(ref _latest)!;
        }
        // A newer run started meanwhile: this snapshot's findings are computed on their own.
        return known.Item1 == snapshot.Version ? known.Item2.Value : Lint(snapshot);
    }

    /// <summary>
    /// The checks on the snapshot, without those a kind the server refused makes meaningless (the RBAC checks without roles
    /// and bindings, the mesh checks without Istio's policies), as <c>lint --allow-partial</c> leaves them out.
    /// </summary>
    public static FindingsResult Lint(LiveSnapshot snapshot)
    {
        var off = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in snapshot.Refused.Keys)
        {
            if (PartialReadEffect.Of(kind).OffCategory is { } category)
                off.Add(category);
        }
        var disabled = off.Count == 0 ? [] : CheckCatalog.All.Where(c => off.Contains(c.Info.Category)).Select(c => c.Info.Id).ToList();
        return LintUseCase.Run(snapshot.Cluster, new LintOptions { Disabled = disabled }).Findings;
    }

    /// <summary>Runs after each quiet period that follows a change, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await _changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (_ranOnce)
                    await Task.Delay(quiet, cancellationToken).ConfigureAwait(false);
                _ranOnce = true;
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
