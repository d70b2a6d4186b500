using System.Diagnostics;
using System.Globalization;
using Palisade.Connectivity;
using Palisade.Generate;
using Palisade.Generate.Proof;
using Palisade.Model;
using Palisade.Posture;

namespace Palisade.Benchmarks;

/// <summary>
/// Times <c>generate</c> in memory on the traffic of <c>flows-e2e</c> (<c>generate SIZE N</c>): reading the
/// records through the session, building and proving the policies, then the proof again alone and its parts
/// (connectivity before and after, lint before and after), so that the phases can be told apart.
/// </summary>
public static class GenerateHarness
{
    /// <summary>Runs the command in <paramref name="args"/>; the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        if (args is not ["generate", var name, var count])
        {
            output.WriteLine("usage: generate SIZE N");
            return 2;
        }
        var size = ClusterSize.Named(name);
        var snapshot = FlowCheckHarness.IngressOnly(SyntheticCluster.Generate(size));
        var records = FlowCheckHarness.Records(snapshot, int.Parse(count, CultureInfo.InvariantCulture));
        var cluster = new Cluster(snapshot);
        output.WriteLine($"{size.Name}: {snapshot.Pods.Count:N0} pods, {snapshot.NetworkPolicies.Count:N0} policies, {records.Length:N0} records");

        var session = new GenerateSession(ClusterHistory.Static(cluster), GenerateOptions.Default);
        Timed(output, "read and record", () =>
        {
            foreach (var record in records)
                session.Observe(record);
            return 0;
        });
        var generated = Timed(output, "build and prove", session.Finish);
        output.WriteLine($"  {generated.Set.Policies.Count:N0} policies, {generated.Edges.Count:N0} edges, {generated.Proof.Beyond.Count:N0} pairs beyond, proof holds: {generated.Proof.Holds}");
        Timed(output, "proof alone", () => Prover.Prove(cluster, generated.Set, generated.Edges, ConnectivityOptions.Default));
        var combined = CombinedCluster.With(cluster, generated.Set.Policies.Select(p => p.Policy), generated.Set.Replaced);
        Timed(output, "  connectivity before", () => ConnectivityAnalyzer.Analyze(new PolicyEngine(cluster.Network)));
        Timed(output, "  connectivity after", () => ConnectivityAnalyzer.Analyze(new PolicyEngine(combined.Network)));
        Timed(output, "  lint before", () => LintUseCase.Findings(new PostureContext(cluster) { OnlyCompared = true }, new LintOptions()));
        Timed(output, "  lint after", () => LintUseCase.Findings(new PostureContext(combined) { OnlyCompared = true }, new LintOptions()));
        output.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:F2} GB");
        return 0;
    }

    private static T Timed<T>(TextWriter output, string what, Func<T> action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var value = action();
        output.WriteLine($"{what}: {watch.Elapsed.TotalSeconds:F2} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s CPU");
        return value;
    }
}
