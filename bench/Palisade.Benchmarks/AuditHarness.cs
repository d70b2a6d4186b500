using System.Diagnostics;
using Palisade.Audit.Events;
using Palisade.Input;

namespace Palisade.Benchmarks;

/// <summary>
/// The timed harness of the audit event reader: <c>audit-gen N OUT [event|eventlist|gke|aks|eks]</c> writes a
/// synthetic log (gzip when OUT ends in .gz), <c>audit-read FILE...</c> reads it end to end and prints the rate.
/// Run under <c>/usr/bin/time -v</c> (and <c>taskset -c 0</c> for one core) for CPU time and peak memory.
/// </summary>
public static class AuditHarness
{
    /// <summary>Runs one of the commands; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        switch (args)
        {
            case ["audit-gen", var count, var path, ..]:
                Generate(long.Parse(count, System.Globalization.CultureInfo.InvariantCulture), path, args.Length > 3 ? args[3] : "event");
                return 0;
            case ["audit-read", _, ..]:
                ReadAll(args[1..], output);
                return 0;
            default:
                output.WriteLine("usage: audit-gen N OUT [event|eventlist|gke|aks|eks] | audit-read FILE...");
                return 2;
        }
    }

    private static void Generate(long count, string path, string format)
    {
        using var file = File.Create(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal)
            ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest)
            : file;
        new AuditGenerator().Write(stream, count, format);
    }

    private static void ReadAll(string[] paths, TextWriter output)
    {
        var reader = new AuditEventReader();
        var diagnostics = new ReadDiagnostics();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long dryRuns = 0, failed = 0, bodies = 0;
        foreach (var auditEvent in reader.Read(paths, diagnostics))
        {
            dryRuns += auditEvent.DryRun ? 1 : 0;
            failed += auditEvent.Failed ? 1 : 0;
            bodies += auditEvent.RequestObject is null ? 0 : 1;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var megabytes = paths.Sum(p => new FileInfo(p).Length) / 1e6;
        output.WriteLine($"events {reader.EventsRead:N0} (dry runs {dryRuns:N0}, failed {failed:N0}, with request bodies {bodies:N0}); malformed {diagnostics.Malformed:N0}, skipped {diagnostics.Skipped:N0}");
        output.WriteLine($"{seconds:F2} s wall, {cpuSeconds:F2} s CPU: {reader.EventsRead / seconds:N0} events/s, {megabytes / seconds:F0} MB/s of {megabytes:F0} MB on disk; peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
        output.WriteLine($"allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB; collections gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}");
    }
}
