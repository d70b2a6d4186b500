using FsCheck.Xunit;
using Palisade.Connectivity;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// The edge lines (what a fix's proof reads) are exactly the full stream's lines from external ranges and the ingress
/// controller and into the chosen peers, in the same order, on random clusters and random choices of peers; the pass
/// counts the lines of the whole stream without producing the others.
/// </summary>
public sealed class EdgeLinesAgreeWithStreamTests
{
    [Property(MaxTest = 500, Arbitrary = [typeof(ClusterGenerators)])]
    public bool Edge_lines_are_the_stream_filtered(GeneratedCase c, int seed)
    {
        var engine = new PolicyEngine(c.Cluster, new ConnectivityOptions { IpBlockMatchesPodIps = c.IpBlockMatchesPodIps });
        var stream = ConnectivityAnalyzer.Stream(engine);
        var random = new Random(seed);
        var into = stream.Peers.Where(_ => random.Next(3) == 0).ToHashSet();
        var expected = stream.Connections
            .Where(l => l.Source is ExternalPeer || l.Source.Equals(Peer.IngressController) || into.Contains(l.Destination))
            .Select(l => $"{l.Source.DisplayName} > {l.Destination.DisplayName}: {l.Connections}").ToArray();
        var counted = -1;
        var actual = ConnectivityAnalyzer.Stream(engine).EdgeLines(into, n => counted = n)
            .Select(l => $"{l.Source.DisplayName} > {l.Destination.DisplayName}: {l.Connections}").ToArray();
        return expected.SequenceEqual(actual) && counted == stream.Connections.Count();
    }
}
