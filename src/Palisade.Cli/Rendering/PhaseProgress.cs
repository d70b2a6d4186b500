using System.Diagnostics;

namespace Palisade.Cli.Rendering;

/// <summary>
/// A progress line on standard error for long runs of phases (lint, scan): nothing for the first second, then the current phase and the
/// time taken, rewritten in place a few times a second, and erased at the end. Only on a terminal: redirected
/// standard error (CI logs, tests) gets nothing.
/// </summary>
internal sealed class PhaseProgress : IProgress<string>, IDisposable
{
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);
    private readonly TextWriter _error;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly Lock _gate = new();
    private string _phase = "reading the manifests";
    private bool _shown;

    private PhaseProgress(TextWriter error, bool enabled)
    {
        _error = error;
        if (enabled)
            _timer = new Timer(_ => Tick(), null, Threshold, TimeSpan.FromMilliseconds(250));
    }

    /// <summary>A progress line on the command's standard error, active only when it is a terminal.</summary>
    public static PhaseProgress For(CliIo io) => new(io.Error, io.ErrorIsTerminal);

    /// <inheritdoc />
    public void Report(string value)
    {
        lock (_gate)
            _phase = value;
    }

    /// <summary>The line shown after <paramref name="elapsed"/>.</summary>
    public static string Render(string phase, TimeSpan elapsed) => $"palisade: {phase}… {elapsed.TotalSeconds:0.0} s";

    private void Tick()
    {
        lock (_gate)
        {
            _error.Write("\r\u001b[K" + Render(_phase, _clock.Elapsed));
            _error.Flush();
            _shown = true;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            if (_shown)
                _error.Write("\r\u001b[K");
        }
    }
}
