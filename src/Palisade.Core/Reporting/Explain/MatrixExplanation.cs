using Palisade.Connectivity;
using Palisade.Connectivity.Explain;

namespace Palisade.Reporting.Explain;

/// <summary>
/// Explains the whole matrix: every ordered pair of reported peers where some policy has a say (pairs
/// with both sides open are summed up in one line), each with its verdict and both sides.
/// </summary>
public static class MatrixExplanation
{
    /// <summary>Writes the explanation of every pair.</summary>
    public static void Write(ConnectivityExplanation matrix, TextWriter output)
    {
        var (engine, report) = (matrix.Engine, matrix.Connectivity);
        var peers = report.Peers.Select(p => (Peer: p, Endpoint: report.Endpoints[p][0])).ToArray();
        var sources = peers.Concat(engine.ExternalSources.Select(e => (Peer: ConnectivityAnalyzer.PeerOf(e), Endpoint: (Endpoint)e)));
        var open = 0;
        foreach (var (sourcePeer, source) in sources.OrderBy(s => s.Peer))
        {
            var destinations = source is ExternalEndpoint
                ? peers
                : peers.Concat(engine.ExternalDestinations.Select(e => (Peer: ConnectivityAnalyzer.PeerOf(e), Endpoint: (Endpoint)e)));
            foreach (var (destinationPeer, destination) in destinations.OrderBy(d => d.Peer))
            {
                if (sourcePeer.Equals(destinationPeer))
                    continue;
                var explanation = Explainer.Explain(engine, source, destination);
                if (explanation.Egress.IsOpen && explanation.Ingress.IsOpen)
                {
                    open++;
                    continue;
                }
                output.Write(ExplanationWriter.Verdict(explanation, sourcePeer.DisplayName, destinationPeer.DisplayName) + "\n");
                ExplanationWriter.WriteSides(explanation, output);
                output.Write("\n");
            }
        }
        output.Write($"{open} more pairs allow all connections: no policy selects either side.\n");
    }
}
