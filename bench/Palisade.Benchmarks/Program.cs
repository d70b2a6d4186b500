using BenchmarkDotNet.Running;
using Palisade.Benchmarks;

// "timed S M ..." prints the quick table of docs/performance.md; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "timed")
{
    var sizes = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(ClusterSize.Named).ToArray();
    TimedHarness.Run(sizes.Length > 0 ? sizes : ClusterSize.All, maxFullPods: 20_000, maxReferencePods: 2_000, Console.Out);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
return 0;
