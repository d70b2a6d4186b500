using System.Diagnostics;
using Palisade.Connectivity;
using Palisade.Connectivity.Reachability;
using Palisade.Kubernetes;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;
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
        output.WriteLine("| size | pods | policies | model build | full reachability (lines) | incremental build | one policy change | all pod pairs, all ports | reference, all pod pairs, one port | eval query | peak memory, engine | YAML load | peak memory, with YAML |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            var cluster = SyntheticCluster.Generate(size);
            var build = Time(() => new PolicyEngine(cluster), out var engine);
            var full = cluster.Pods.Count <= maxFullPods ? Time(() => ConnectivityAnalyzer.Analyze(engine), out var report) + $" ({report.Connections.Count:N0})" : "not run";
            var eval = EvalMicroseconds(engine);
            var incrementalBuild = Time(() => new IncrementalReachability(cluster), out var incremental);
            var change = PolicyChange(cluster, incremental);
            var enginePeak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024);
            var yaml = SyntheticCluster.ToYaml(cluster);
            ManifestSource.LoadText("warm-up.yaml", SyntheticCluster.ToYaml(SyntheticCluster.Generate(ClusterSize.All[0])));
            var load = Stopwatch.StartNew();
            ManifestSource.LoadText("synthetic.yaml", yaml);
            var megabytes = yaml.Length / 1_000_000.0;
            var loadText = $"{megabytes / load.Elapsed.TotalSeconds:F1} MB/s ({megabytes:F0} MB)";
            var reference = cluster.Pods.Count <= maxReferencePods ? Time(() => ReferenceOnePort(cluster), out _) : "not run";
            var engineAll = cluster.Pods.Count <= maxReferencePods ? Time(() => AllPodPairs(engine), out _) : "not run";
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024);
            output.WriteLine($"| {size} | {cluster.Pods.Count:N0} | {cluster.NetworkPolicies.Count:N0} | {build} | {full} | {incrementalBuild} | {change} | {engineAll} | {reference} | {eval:F2} µs | {enginePeak:F2} GB | {loadText} | {peak:F2} GB |");
        }
    }

    private static string Time<T>(Func<T> action, out T result)
    {
        action();
        var watch = Stopwatch.StartNew();
        result = action();
        return watch.Elapsed.TotalSeconds >= 1 ? $"{watch.Elapsed.TotalSeconds:F2} s" : $"{watch.Elapsed.TotalMilliseconds:F1} ms";
    }

    /// <summary>
    /// The mean and worst time of one NetworkPolicy change on the incremental result, after a warm-up: an app
    /// policy in the middle of the cluster is opened to every peer on ingress and to its whole namespace on
    /// egress, then set back, 20 times.
    /// </summary>
    private static string PolicyChange(NetworkSnapshot cluster, IncrementalReachability incremental)
    {
        var (original, changed) = ChangedPolicy(cluster);
        incremental.SetPolicy(changed);
        incremental.SetPolicy(original);
        const int rounds = 20;
        var times = new List<double>();
        var full = false;
        var lines = 0;
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            lines += incremental.SetPolicy(i % 2 == 0 ? changed : original).Count;
            times.Add(watch.Elapsed.TotalMilliseconds);
            full |= incremental.LastUpdateWasFull;
        }
        return $"{times.Average():F2} ms mean, {times.Max():F2} ms max ({lines / rounds} lines changed{(full ? ", some full" : "")})";
    }

    /// <summary>An app policy from the middle of the cluster, and a version of it that opens both directions.</summary>
    internal static (NetworkPolicy Original, NetworkPolicy Changed) ChangedPolicy(NetworkSnapshot cluster)
    {
        var original = cluster.NetworkPolicies.Skip(cluster.NetworkPolicies.Count / 2)
            .First(p => p.Name.StartsWith("allow-", StringComparison.Ordinal) && p.Egress.Count == 0);
        var changed = original with
        {
            PolicyTypes = [PolicyDirection.Ingress, PolicyDirection.Egress],
            Ingress = [original.Ingress[0] with { Peers = [] }],
            Egress = [new PolicyRule(PolicyDirection.Egress, 0, [new SelectorPeer(LabelSelector.Everything, null)], [])],
        };
        return (original, changed);
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
    internal static int ReferenceOnePort(NetworkSnapshot cluster)
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
