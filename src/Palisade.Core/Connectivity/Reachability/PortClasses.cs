using Palisade.Net;

namespace Palisade.Connectivity.Reachability;

/// <summary>
/// The partition of protocol × port space that the rules induce: ports lie in one class when every numeric
/// port entry covers all or none of them and no named container port tells them apart (a named port's
/// target is a class of its own, so that "this destination declares that name here" is exact).
/// </summary>
internal sealed class PortClasses
{
    private readonly int[][] _starts = new int[3][];
    private readonly int[][] _classOfAtom = new int[3][];
    private readonly ConnectionSet[] _connections;
    private readonly int[] _atomCount;

    /// <summary>Builds the partition from numeric ranges (protocol, first, last) and named-port targets (protocol, port).</summary>
    public PortClasses(IReadOnlyList<(Protocol Protocol, int Start, int End)> ranges, HashSet<(Protocol Protocol, int Port)> targets)
    {
        var signatures = new Dictionary<string, int>(StringComparer.Ordinal);
        var connections = new List<ConnectionSet>();
        var atomCount = new List<int>();
        var signature = new System.Text.StringBuilder();
        foreach (var protocol in Protocols.All)
        {
            var cuts = new SortedSet<int> { PortSet.MinPort };
            foreach (var (p, start, end) in ranges)
            {
                if (p != protocol)
                    continue;
                cuts.Add(start);
                if (end < PortSet.MaxPort)
                    cuts.Add(end + 1);
            }
            foreach (var (p, port) in targets)
            {
                if (p != protocol)
                    continue;
                cuts.Add(port);
                if (port < PortSet.MaxPort)
                    cuts.Add(port + 1);
            }
            var starts = cuts.ToArray();
            var classes = new int[starts.Length];
            for (var a = 0; a < starts.Length; a++)
            {
                var (first, last) = (starts[a], a + 1 < starts.Length ? starts[a + 1] - 1 : PortSet.MaxPort);
                signature.Clear();
                var index = 0;
                foreach (var (p, start, end) in ranges)
                {
                    if (p == protocol && start <= first && last <= end)
                        signature.Append(index).Append(',');
                    index++;
                }
                signature.Append('|');
                if (first == last && targets.Contains((protocol, first)))
                    signature.Append((int)protocol).Append('/').Append(first);
                if (!signatures.TryGetValue(signature.ToString(), out var id))
                {
                    signatures[signature.ToString()] = id = connections.Count;
                    connections.Add(ConnectionSet.None);
                    atomCount.Add(0);
                }
                connections[id] = connections[id].Union(ConnectionSet.Of(protocol, PortSet.Range(first, last)));
                atomCount[id]++;
                classes[a] = id;
            }
            _starts[(int)protocol] = starts;
            _classOfAtom[(int)protocol] = classes;
        }
        _connections = connections.ToArray();
        _atomCount = atomCount.ToArray();
    }

    /// <summary>The number of classes.</summary>
    public int Count => _connections.Length;

    /// <summary>The words a mask over the classes needs.</summary>
    public int MaskWords => (Count + 63) / 64;

    /// <summary>The protocols and ports of one class.</summary>
    public ConnectionSet Connections(int portClass) => _connections[portClass];

    /// <summary>The class holding the port.</summary>
    public int ClassOf(Protocol protocol, int port) => _classOfAtom[(int)protocol][Atom(protocol, port)];

    /// <summary>Whether the port forms a class on its own, as a named-port target must.</summary>
    public bool IsSingleton(Protocol protocol, int port)
    {
        var starts = _starts[(int)protocol];
        var atom = Atom(protocol, port);
        var last = atom + 1 < starts.Length ? starts[atom + 1] - 1 : PortSet.MaxPort;
        return starts[atom] == port && last == port && _atomCount[_classOfAtom[(int)protocol][atom]] == 1;
    }

    /// <summary>
    /// Whether the range is exactly a union of classes; when it is, <paramref name="mask"/> gets their bits.
    /// </summary>
    public bool TryCover(Protocol protocol, int start, int end, ulong[] mask)
    {
        var starts = _starts[(int)protocol];
        var classes = _classOfAtom[(int)protocol];
        var first = Atom(protocol, start);
        if (starts[first] != start || (end < PortSet.MaxPort && Array.BinarySearch(starts, end + 1) < 0))
            return false;
        var inside = new HashSet<int>();
        for (var a = first; a < starts.Length && starts[a] <= end; a++)
            inside.Add(classes[a]);
        foreach (var protocolOther in Protocols.All)
        {
            var otherStarts = _starts[(int)protocolOther];
            var otherClasses = _classOfAtom[(int)protocolOther];
            for (var a = 0; a < otherStarts.Length; a++)
            {
                var isInside = protocolOther == protocol && otherStarts[a] >= start && otherStarts[a] <= end;
                if (!isInside && inside.Contains(otherClasses[a]))
                    return false;
            }
        }
        foreach (var c in inside)
            mask[c >> 6] |= 1UL << c;
        return true;
    }

    private int Atom(Protocol protocol, int port)
    {
        var index = Array.BinarySearch(_starts[(int)protocol], port);
        return index >= 0 ? index : ~index - 1;
    }
}
