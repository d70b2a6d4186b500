using FsCheck.Xunit;
using Palisade.Connectivity;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// The edge lines (what lint and a fix's proof read) are exactly the full stream's lines from external ranges and the
/// ingress controller and into the chosen peers, in the same order, on random clusters (small ones, and larger ones
/// whose pods fill several words) at both granularities and random choices of peers (none among them); the pass counts
/// the lines of the whole stream without producing the others.
/// </summary>
public sealed class EdgeLinesAgreeWithStreamTests
{
    [Property(MaxTest = 500, Arbitrary = [typeof(ClusterGenerators)])]
    public bool Edge_lines_are_the_stream_filtered(GeneratedCase c, int seed) => Agree(c, seed);

    [Property(MaxTest = 300, Arbitrary = [typeof(LargerClusterGenerators)])]
    public bool Edge_lines_are_the_stream_filtered_on_larger_clusters(GeneratedCase c, int seed) => Agree(c, seed);

    private static bool Agree(GeneratedCase c, int seed)
    {
        var engine = new PolicyEngine(c.Cluster, new ConnectivityOptions { IpBlockMatchesPodIps = c.IpBlockMatchesPodIps });
        foreach (var granularity in new[] { Granularity.Workload, Granularity.Pod })
        {
            var stream = ConnectivityAnalyzer.Stream(engine, granularity);
            var random = new Random(seed);
            var into = stream.Peers.Where(_ => random.Next(3) == 0).ToHashSet();
            var all = stream.Connections.Select(Text).ToArray();
            var expected = stream.Connections
                .Where(l => l.Source is ExternalPeer || l.Source.Equals(Peer.IngressController) || into.Contains(l.Destination))
                .Select(Text).ToArray();
            var counted = -1;
            var actual = ConnectivityAnalyzer.Stream(engine, granularity).EdgeLines(into, n => counted = n).Select(Text).ToArray();
            var countedNone = -1;
            _ = ConnectivityAnalyzer.Stream(engine, granularity).EdgeLines(new HashSet<Peer>(), n => countedNone = n).Count();
            if (!expected.SequenceEqual(actual) || counted != all.Length || countedNone != all.Length)
                return false;
        }
        return true;
    }

    private static string Text(Connection l) => $"{l.Source.DisplayName} > {l.Destination.DisplayName}: {l.Connections}";
}
