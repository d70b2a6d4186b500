using System.Diagnostics;
using Palisade.Flows;
using Palisade.Flows.Formats;
using Palisade.Input;

namespace Palisade.Benchmarks;

/// <summary>
/// The timed harness of the flow readers: <c>flows-read FILE [FORMAT]</c> reads a file once and prints the
/// throughput; <c>flows-gen hubble|vpc|csv N OUT</c> writes a synthetic file to read.
/// </summary>
public static class FlowsHarness
{
    /// <summary>Runs the command in <paramref name="args"/>; the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        if (args is ["flows-gen", var format, var count, var path])
        {
            FlowsGenerator.Write(format, long.Parse(count, System.Globalization.CultureInfo.InvariantCulture), path);
            return 0;
        }
        if (args is ["flows-read", var file, ..] && args.Length <= 3)
        {
            Read(file, args.Length == 3 ? Enum.Parse<FlowFormat>(args[2], ignoreCase: true) : null, output);
            return 0;
        }
        output.WriteLine("usage: flows-read FILE [hubble|vpc|gcp|csv] | flows-gen hubble|vpc|csv N OUT");
        return 2;
    }

    private static void Read(string file, FlowFormat? format, TextWriter output)
    {
        var diagnostics = new ReadDiagnostics();
        var (allocated, collections) = (GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0));
        var watch = Stopwatch.StartNew();
        long records = 0, replies = 0;
        foreach (var record in FlowReaders.Read([file], format, diagnostics))
        {
            records++;
            if (record.IsReply == true)
                replies++;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var megabytes = new FileInfo(file).Length / 1e6;
        output.WriteLine($"records {records:N0} (replies {replies:N0}, malformed {diagnostics.Malformed:N0}, skipped {diagnostics.Skipped:N0})");
        output.WriteLine($"seconds {seconds:F2}, {records / seconds:N0} records/s, {megabytes / seconds:F1} MB/s of {megabytes:F0} MB, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB");
        output.WriteLine($"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / Math.Max(records, 1):N0} bytes per record, {GC.CollectionCount(0) - collections} collections");
    }
}
