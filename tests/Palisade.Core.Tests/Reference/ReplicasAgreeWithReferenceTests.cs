using FsCheck.Xunit;
using Palisade.Connectivity;
using Palisade.Testing;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// On clusters of replicated workloads, every line of the report is what the reference evaluator gives for
/// some pod pair of the two peers, probe by probe, at both granularities.
/// </summary>
public sealed class ReplicasAgreeWithReferenceTests
{
    [Property(MaxTest = 300, Arbitrary = [typeof(ReplicaGenerators)])]
    public bool Workload_lines_agree_with_the_reference(GeneratedCase c) => Agrees(c, Granularity.Workload);

    [Property(MaxTest = 200, Arbitrary = [typeof(ReplicaGenerators)])]
    public bool Pod_lines_agree_with_the_reference(GeneratedCase c) => Agrees(c, Granularity.Pod);

    private static bool Agrees(GeneratedCase c, Granularity granularity)
    {
        var options = new ConnectivityOptions { IpBlockMatchesPodIps = c.IpBlockMatchesPodIps };
        var report = ConnectivityAnalyzer.Analyze(new PolicyEngine(c.Cluster, options), granularity);
        var reference = new ReferenceEvaluator(c.Cluster, c.IpBlockMatchesPodIps);
        var lines = report.Connections.Where(x => !x.Source.IsExternal && !x.Destination.IsExternal)
            .ToDictionary(x => (x.Source, x.Destination), x => x.Connections);
        var peers = c.Cluster.Pods.GroupBy(p => ConnectivityAnalyzer.PeerOf(p, granularity)).ToArray();
        var expectedLines = 0;
        foreach (var source in peers)
        {
            foreach (var destination in peers)
            {
                if (source.Key == destination.Key)
                    continue;
                lines.TryGetValue((source.Key, destination.Key), out var listed);
                var any = false;
                foreach (var (protocol, port) in EngineAgreesWithReferenceTests.Probes)
                {
                    var expected = source.Any(p => destination.Any(q => p != q && reference.Allows(p, q, protocol, port)));
                    if (expected != (listed?.Contains(protocol, port) ?? false))
                        return false;
                    any |= expected;
                }
                if (any)
                    expectedLines++;
            }
        }
        return lines.Count >= expectedLines && lines.Keys.All(k => peers.Any(p => p.Key == k.Source) && peers.Any(p => p.Key == k.Destination));
    }
}
