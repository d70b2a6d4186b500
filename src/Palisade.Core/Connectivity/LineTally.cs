using Palisade.Net;

namespace Palisade.Connectivity;

/// <summary>
/// Counts a connectivity stream's lines without producing them. A source peer of one identity class has a line to
/// each destination peer holding a class its class's row reaches, less itself: that number depends on the class
/// alone, so it is learnt once per class however many workloads share it. A source of several classes marks the
/// destinations its rows reach. Not thread-safe: one stream's producer uses it.
/// </summary>
internal sealed class LineTally
{
    private readonly (Peer Peer, int[] Nodes)[] _destinations;
    private readonly int[][] _destinationsOf;
    // Per class: 1 + the destination entries its row reaches (0 while not learnt), how many of those are in the
    // cluster (an external source has no line to an external range), and whether it reaches its own class.
    private readonly int[] _reached;
    private readonly int[] _inCluster;
    private readonly bool[] _reachesItself;
    private readonly int[] _stamp;
    private readonly List<int> _marked = [];
    private int _pass = 1;

    /// <summary>A tally over the model's classes and the sorted destinations, with the entries holding each class.</summary>
    public LineTally(int classes, (Peer Peer, int[] Nodes)[] destinations, int[][] destinationsOf)
    {
        _destinations = destinations;
        _destinationsOf = destinationsOf;
        _reached = new int[classes];
        _inCluster = new int[classes];
        _reachesItself = new bool[classes];
        _stamp = new int[destinations.Length];
    }

    /// <summary>Whether the class's count is learnt, so that a source of that class alone needs no row.</summary>
    public bool Knows(int node) => _reached[node] > 0;

    /// <summary>Reads a class's row for the current source: learns the class's count, or marks what a source of several classes reaches.</summary>
    public void Read(int node, List<(int Node, ConnectionSet Connections)> row, bool onlyClass)
    {
        if (!onlyClass)
        {
            foreach (var (destination, _) in row)
            {
                foreach (var entry in _destinationsOf[destination])
                {
                    if (_stamp[entry] != _pass)
                    {
                        _stamp[entry] = _pass;
                        _marked.Add(entry);
                    }
                }
            }
            return;
        }
        if (Knows(node))
            return;
        var pass = ++_pass;
        var (reached, inCluster, itself) = (0, 0, false);
        foreach (var (destination, _) in row)
        {
            itself |= destination == node;
            foreach (var entry in _destinationsOf[destination])
            {
                if (_stamp[entry] == pass)
                    continue;
                _stamp[entry] = pass;
                reached++;
                if (_destinations[entry].Peer is not ExternalPeer)
                    inCluster++;
            }
        }
        (_reached[node], _inCluster[node], _reachesItself[node]) = (reached + 1, inCluster, itself);
    }

    /// <summary>The lines of a source whose classes were all read; starts the next source.</summary>
    public int LinesOf(Peer source, int[] nodes)
    {
        var external = source is ExternalPeer;
        int lines;
        if (nodes.Length == 1)
        {
            var node = nodes[0];
            lines = external ? _inCluster[node] : _reached[node] - 1 - (_reachesItself[node] ? 1 : 0);
        }
        else
        {
            lines = 0;
            foreach (var entry in _marked)
            {
                var destination = _destinations[entry].Peer;
                if (!(external && destination is ExternalPeer) && !ReferenceEquals(source, destination))
                    lines++;
            }
            _marked.Clear();
        }
        _pass++;
        return lines;
    }
}
