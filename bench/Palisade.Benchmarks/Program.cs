using BenchmarkDotNet.Running;
using Palisade.Benchmarks;
using Palisade.Benchmarks.Dense;

// "timed S M ... [--full=PODS] [--reference=PODS]" prints the quick table of docs/performance.md (full
// reachability and the reference evaluator only up to those pod counts); "yaml SIZE FILE" writes a synthetic cluster
// as manifests (for timing the command end to end); "live-serve SIZE KUBECONFIG" serves it from the fake API server
// and "live-read KUBECONFIG" times reading it; "generate SIZE N" times generate's phases; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "generate") return GenerateHarness.Run(args, Console.Out);
if (args.Length > 0 && args[0] is "flows-check" or "flows-e2e") return FlowCheckHarness.Run(args, Console.Out);
if (args.Length > 0 && args[0] == "flows-plaintext") return PlaintextHarness.Run(args, Console.Out);
if (args.Length > 0 && args[0].StartsWith("flows-", StringComparison.Ordinal)) return FlowsHarness.Run(args, Console.Out); // flows-read, flows-gen
if (args.Length == 3 && args[0] == "yaml")
{
    File.WriteAllText(args[2], SyntheticCluster.ToYaml(SyntheticCluster.Generate(ClusterSize.Named(args[1]))));
    return 0;
}
if (args.Length > 0 && args[0].StartsWith("dense-", StringComparison.Ordinal))
    return DenseHarness.Run(args, Console.Out);
if (args.Length > 1 && args[0] == "serve-load")
    return ServeLoadHarness.Run(args, Console.Out);
if (args.Length > 0 && args[0].StartsWith("live-", StringComparison.Ordinal))
    return LiveHarness.Run(args, Console.Out); // live-serve, live-read
if (args.Length > 0 && args[0] == "audit-opened")
    return AuditChangeHarness.Run(args, Console.Out);
if (args.Length > 0 && args[0].StartsWith("audit-", StringComparison.Ordinal))
    return AuditHarness.Run(args, Console.Out);
if (args.Length > 0 && args[0] == "timed")
{
    var sizes = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(ClusterSize.Named).ToArray();
    int Limit(string name, int otherwise) =>
        args.FirstOrDefault(a => a.StartsWith(name, StringComparison.Ordinal)) is { } given ? int.Parse(given[name.Length..]) : otherwise;
    TimedHarness.Run(sizes.Length > 0 ? sizes : ClusterSize.All, maxFullPods: Limit("--full=", 1_000_000), maxReferencePods: Limit("--reference=", 2_000), Console.Out);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
return 0;
