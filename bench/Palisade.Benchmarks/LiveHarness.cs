using System.Diagnostics;
using Palisade.Kubernetes.Live;
using Palisade.Model;
using Palisade.Testing.FakeApi;

namespace Palisade.Benchmarks;

/// <summary>
/// The timed harness of the live source, with the fake API server in its own process so that the reader's time and
/// memory are its own: <c>live-serve SIZE KUBECONFIG</c> serves the synthetic cluster of that size (as
/// <c>yaml SIZE FILE</c> writes it) and writes a kubeconfig for it, until standard input closes; <c>live-read
/// KUBECONFIG [PAGE]</c> reads that cluster once to warm up, then once timed, and prints objects, pages, wall and CPU
/// time and peak memory.
/// </summary>
public static class LiveHarness
{
    /// <summary>Runs the command in <paramref name="args"/>; the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        switch (args)
        {
            case ["live-serve", var size, var kubeconfig]:
                Serve(ClusterSize.Named(size), kubeconfig, output).GetAwaiter().GetResult();
                return 0;
            case ["live-read", var kubeconfig, .. var rest] when rest.Length <= 1:
                Read(kubeconfig, rest.Length == 1 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 500, output);
                return 0;
            default:
                output.WriteLine("usage: live-serve S|M|L|XL KUBECONFIG | live-read KUBECONFIG [PAGE-SIZE]");
                return 2;
        }
    }

    private static async Task Serve(ClusterSize size, string kubeconfig, TextWriter output)
    {
        var yaml = SyntheticCluster.ToYaml(SyntheticCluster.Generate(size));
        await using var api = await FakeApiServer.StartAsync();
        var objects = 0;
        foreach (var obj in ManifestYaml.ToJson(yaml))
        {
            api.Add(obj);
            objects++;
        }
        api.WriteKubeconfig(kubeconfig);
        output.WriteLine($"serving {objects:N0} objects at {api.BaseAddress}; kubeconfig {kubeconfig}; close standard input to stop");
        output.Flush();
        await Console.In.ReadToEndAsync();
    }

    private static void Read(string kubeconfig, int pageSize, TextWriter output)
    {
        var request = new LiveRequest { Kubeconfig = kubeconfig, PageSize = pageSize };
        Once(request);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var cluster = Once(request);
        watch.Stop();
        process.Refresh();
        output.WriteLine($"read {cluster.Network.Pods.Count:N0} pods, {cluster.Objects.Count:N0} objects at page size {pageSize}: " +
            $"{watch.Elapsed.TotalSeconds:F2} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s CPU (user+sys), " +
            $"peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MB");
    }

    private static Cluster Once(LiveRequest request)
    {
        var builder = new ClusterBuilder(DuplicateRule.Reject);
        LiveSource.Read(request, builder);
        return builder.Build();
    }
}
