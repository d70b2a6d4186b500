using System.Diagnostics;
using Palisade.Connectivity;
using Palisade.Kubernetes;
using Palisade.Model;
using Palisade.Testing;

namespace Palisade.Benchmarks;

/// <summary>
/// A quick timed run (one measurement after one warm-up) per size, printing a Markdown table row for
/// docs/performance.md; BenchmarkDotNet gives the careful numbers at S and M.
/// </summary>
public static class TimedHarness
{
    /// <summary>Runs the sizes; full reachability and the reference are skipped above the given pod counts.</summary>
    public static void Run(IEnumerable<ClusterSize> sizes, int maxFullPods, int maxReferencePods, TextWriter output)
    {
        output.WriteLine("| size | pods | policies | model build | full reachability (pairs) | all pod pairs, all ports | reference, all pod pairs, one port | eval query | YAML load | peak memory |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            var cluster = SyntheticCluster.Generate(size);
            var build = Time(() => new PolicyEngine(cluster), out var engine);
            var full = cluster.Pods.Count <= maxFullPods ? Time(() => ConnectivityAnalyzer.Analyze(engine), out var report) + $" ({report.Connections.Count:N0})" : "not run";
            var eval = EvalMicroseconds(engine);
            var yaml = SyntheticCluster.ToYaml(cluster);
            ClusterLoader.LoadText("warm-up.yaml", SyntheticCluster.ToYaml(SyntheticCluster.Generate(ClusterSize.All[0])));
            var load = Stopwatch.StartNew();
            ClusterLoader.LoadText("synthetic.yaml", yaml);
            var megabytes = yaml.Length / 1_000_000.0;
            var loadText = $"{megabytes / load.Elapsed.TotalSeconds:F1} MB/s ({megabytes:F0} MB)";
            var reference = cluster.Pods.Count <= maxReferencePods ? Time(() => ReferenceOnePort(cluster), out _) : "not run";
            var engineAll = cluster.Pods.Count <= maxReferencePods ? Time(() => AllPodPairs(engine), out _) : "not run";
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024);
            output.WriteLine($"| {size} | {cluster.Pods.Count:N0} | {cluster.NetworkPolicies.Count:N0} | {build} | {full} | {engineAll} | {reference} | {eval:F2} µs | {loadText} | {peak:F2} GB |");
        }
    }

    private static string Time<T>(Func<T> action, out T result)
    {
        action();
        var watch = Stopwatch.StartNew();
        result = action();
        return watch.Elapsed.TotalSeconds >= 1 ? $"{watch.Elapsed.TotalSeconds:F2} s" : $"{watch.Elapsed.TotalMilliseconds:F1} ms";
    }

    private static double EvalMicroseconds(PolicyEngine engine)
    {
        const int queries = 100_000;
        var random = new Random(7);
        var pods = engine.Pods;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < queries; i++)
            engine.Allowed(pods[random.Next(pods.Count)], pods[random.Next(pods.Count)]);
        return watch.Elapsed.TotalMicroseconds / queries;
    }

    private static int AllPodPairs(PolicyEngine engine)
    {
        var nonEmpty = 0;
        foreach (var s in engine.Pods)
        {
            foreach (var d in engine.Pods)
            {
                if (!engine.Allowed(s, d).IsEmpty)
                    nonEmpty++;
            }
        }
        return nonEmpty;
    }

    /// <summary>The reference evaluator over every pod pair, for TCP 8080 only.</summary>
    internal static int ReferenceOnePort(ClusterSnapshot cluster)
    {
        var reference = new ReferenceEvaluator(cluster, ipBlockMatchesPodIps: true);
        var allowed = 0;
        foreach (var s in cluster.Pods)
        {
            foreach (var d in cluster.Pods)
            {
                if (reference.Allows(s, d, Protocol.Tcp, 8080))
                    allowed++;
            }
        }
        return allowed;
    }
}
