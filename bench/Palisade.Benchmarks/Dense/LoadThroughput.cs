using System.Diagnostics;
using Palisade.Kubernetes;

namespace Palisade.Benchmarks.Dense;

/// <summary>
/// Times loading one manifest file into the Core model (<see cref="ManifestSource.Load"/>: reading and mapping)
/// in this process, after a warm-up load of the same file: wall time, CPU time of the process, MB/s and the garbage
/// collector's pauses. A single
/// file is read on one thread, so wall MB/s is the one-core figure.
/// </summary>
public static class LoadThroughput
{
    /// <summary>Loads the file <paramref name="runs"/> times and prints one line per run.</summary>
    public static void Run(string file, int runs, TextWriter output)
    {
        var megabytes = new FileInfo(file).Length / 1_000_000.0;
        ManifestSource.Load([file]);
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var (pause, collections, gen1, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var watch = Stopwatch.StartNew();
            var loaded = ManifestSource.Load([file]);
            watch.Stop();
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            var gc = $"GC paused {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s in {GC.CollectionCount(0) - collections} collections ({GC.CollectionCount(1) - gen1} of gen 1, {GC.CollectionCount(2) - gen2} of gen 2)";
            output.WriteLine($"{Path.GetFileName(file)}: {megabytes:F0} MB, {loaded.Cluster.Network.Pods.Count:N0} workload pods, " +
                $"{watch.Elapsed.TotalSeconds:F2} s wall ({megabytes / watch.Elapsed.TotalSeconds:F0} MB/s), {cpuSeconds:F2} s CPU ({megabytes / cpuSeconds:F0} MB/CPU-s), {gc}");
        }
    }
}
