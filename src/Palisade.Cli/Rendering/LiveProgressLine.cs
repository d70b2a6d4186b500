using System.Globalization;
using Palisade.Kubernetes.Live;

namespace Palisade.Cli.Rendering;

/// <summary>
/// The live read's progress on one line of standard error (<c>reading pods 3,500… (4/26 kinds)</c>), rewritten in
/// place at most ten times a second and erased when the read ends. Only on a terminal: logs and pipes get nothing.
/// </summary>
internal sealed class LiveProgressLine : IProgress<ReadProgress>, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter error;
    private readonly Lock gate = new();
    private DateTime next = DateTime.MinValue;
    private int width;

    /// <summary>A progress line on the writer, whatever it is (tests; <see cref="On"/> checks for a terminal).</summary>
    internal LiveProgressLine(TextWriter error) => this.error = error;

    /// <summary>A progress line on the command's standard error, or null when that is not a terminal.</summary>
    public static LiveProgressLine? On(CliIo io) => io.ErrorIsTerminal ? new LiveProgressLine(io.Error) : null;

    /// <summary>The live read's progress as a phase of a longer run (lint's and scan's <see cref="PhaseProgress"/>).</summary>
    public static IProgress<ReadProgress> AsPhase(IProgress<string> phases) => new Phase(phases);

    public void Report(ReadProgress value)
    {
        lock (gate)
        {
            var now = DateTime.UtcNow;
            if (now < next)
                return;
            next = now + Interval;
            var text = string.Create(CultureInfo.InvariantCulture, $"reading {value.Resource} {value.Objects:N0}… ({value.KindsDone}/{value.KindsTotal} kinds)");
            error.Write("\r" + text.PadRight(width));
            width = text.Length;
            error.Flush();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (width > 0)
                error.Write("\r" + new string(' ', width) + "\r");
            width = 0;
            next = DateTime.MaxValue;
        }
    }

    private sealed class Phase(IProgress<string> phases) : IProgress<ReadProgress>
    {
        public void Report(ReadProgress value) =>
            phases.Report(string.Create(CultureInfo.InvariantCulture, $"reading {value.Resource} {value.Objects:N0} ({value.KindsDone}/{value.KindsTotal} kinds)"));
    }
}
