using System.Diagnostics;

namespace Palisade.Cli.Rendering;

/// <summary>
/// A progress line on standard error for long reads, redrawn at most twice a second and only when standard
/// error is a terminal (a log file or a pipe gets nothing). Not thread-safe.
/// </summary>
internal sealed class ProgressLine(CliIo io, string what)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _nextDraw = 1000;
    private bool _drawn;

    /// <summary>Counts one more item, redrawing when due.</summary>
    public void Tick(long count)
    {
        if (!io.ErrorIsTerminal || (count & 1023) != 0 || _clock.ElapsedMilliseconds < _nextDraw)
            return;
        _nextDraw = _clock.ElapsedMilliseconds + 500;
        io.Error.Write($"\r{what}: {count:N0} ({count / Math.Max(_clock.Elapsed.TotalSeconds, 0.001):N0}/s)   ");
        _drawn = true;
    }

    /// <summary>Clears the line, if one was drawn.</summary>
    public void Done()
    {
        if (_drawn)
            io.Error.Write("\r" + new string(' ', 60) + "\r");
    }
}
