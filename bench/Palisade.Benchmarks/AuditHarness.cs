using System.Diagnostics;
using Palisade.Audit.Detection;
using Palisade.Audit.Detectors;
using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Input;
using Palisade.Kubernetes;
using Palisade.Kubernetes.Replay;
using Palisade.Model;

namespace Palisade.Benchmarks;

/// <summary>
/// The timed harness of the audit event reader: <c>audit-gen N OUT [event|eventlist|gke|aks|eks]</c> writes a
/// synthetic log (gzip when OUT ends in .gz), <c>audit-read FILE...</c> reads it end to end and prints the rate,
/// <c>audit-stages FILE [CLUSTER.yaml]</c> times the stages of <c>palisade audit</c> one after the other (reading,
/// reading and ordering, the whole replay with the rules) with what each allocated.
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
            case ["audit-stages", var log, ..]:
                Stages(log, args.Length > 2 ? args[2] : null, output);
                return 0;
            default:
                output.WriteLine("usage: audit-gen N OUT [event|eventlist|gke|aks|eks] | audit-read FILE... | audit-stages FILE [CLUSTER.yaml]");
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
            bodies += auditEvent.RequestBody is null ? 0 : 1;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var megabytes = paths.Sum(p => new FileInfo(p).Length) / 1e6;
        output.WriteLine($"events {reader.EventsRead:N0} (dry runs {dryRuns:N0}, failed {failed:N0}, with request bodies {bodies:N0}); malformed {diagnostics.Malformed:N0}, skipped {diagnostics.Skipped:N0}");
        output.WriteLine($"{seconds:F2} s wall, {cpuSeconds:F2} s CPU: {reader.EventsRead / seconds:N0} events/s, {megabytes / seconds:F0} MB/s of {megabytes:F0} MB on disk; peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
        output.WriteLine($"allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB; collections gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}");
    }

    private static void Stages(string log, string? clusterPath, TextWriter output)
    {
        var start = Stage("cluster", output, () =>
        {
            if (clusterPath is null)
                return (new AuditStart(new ClusterBuilder(DuplicateRule.Reject).Build(), ObjectStore.Empty, false, new ReplayModel()), 0L);
            var (loaded, bodies) = ManifestSource.LoadWithBodies([clusterPath]);
            return (new AuditStart(loaded.Cluster, ObjectStore.Of(bodies), true, new ReplayModel()), 0L);
        });
        Stage("read", output, () =>
        {
            var reader = new AuditEventReader();
            foreach (var _ in reader.Read([log], new ReadDiagnostics()))
            {
            }
            return (0, reader.EventsRead);
        });
        Stage("read+order", output, () =>
        {
            var reader = new AuditEventReader();
            var order = new RequestOrder();
            foreach (var e in reader.Read([log], new ReadDiagnostics()))
            {
                if (!AuditReplay.IsRelevant(e))
                    continue;
                foreach (var _ in order.Add(e))
                {
                }
            }
            foreach (var _ in order.Flush())
            {
            }
            return (0, reader.EventsRead);
        });
        Stage("audit", output, () =>
        {
            var reader = new AuditEventReader();
            var context = AuditRun.Context(start, new HashSet<string>(), showDenied: false);
            var (result, _) = AuditRun.Run(reader.Read([log], new ReadDiagnostics()), start, AuditRuleCatalog.Create(), context, keepHistory: false);
            output.WriteLine($"  alerts {result.Alerts.Count:N0}");
            return (0, reader.EventsRead);
        });
    }

    private static T Stage<T>(string name, TextWriter output, Func<(T Result, long Events)> run)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pause = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        var (result, events) = run();
        var seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        output.WriteLine($"{name}: {seconds:F2} s wall, {cpuSeconds:F2} s CPU{(events > 0 ? $", {events / cpuSeconds:N0} events per CPU second" : "")}; " +
            $"allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:N0} MB, GC gen0/1/2 {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}, " +
            $"paused {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s; peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
        return result;
    }
}
