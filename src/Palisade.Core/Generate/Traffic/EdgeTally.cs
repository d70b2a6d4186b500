using Palisade.Flows.Identity;

namespace Palisade.Generate.Traffic;

/// <summary>
/// What was seen of one edge while reading: connections and their span, those no excluding detector flagged
/// ("clean") and their span, the connections each detector flagged, and samples of the peers. Not thread-safe.
/// </summary>
internal sealed class EdgeTally(TrafficEnd source, TrafficEnd destination, int? protocol, int? port)
{
    private const int MaxSamples = 16;
    private readonly Dictionary<(string, string), EdgeSample> _samples = [];

    public TrafficEnd Source { get; } = source;
    public TrafficEnd Destination { get; } = destination;
    public int? Protocol { get; } = protocol;
    public int? Port { get; } = port;

    /// <summary>Whether the destination is a public address.</summary>
    public bool ToPublic { get; set; }

    public long Connections { get; private set; }
    public long First { get; private set; } = long.MaxValue;
    public long Last { get; private set; } = long.MinValue;

    public long CleanConnections { get; private set; }
    public long CleanFirst { get; private set; } = long.MaxValue;
    public long CleanLast { get; private set; } = long.MinValue;

    /// <summary>Connections flagged, per detector.</summary>
    public SortedDictionary<string, long> Flags { get; } = new(StringComparer.Ordinal);

    public IEnumerable<EdgeSample> Samples => _samples.Values;

    /// <summary>Adds one request record; a record that does not open a connection adds to the span only.</summary>
    public void Add(long start, long end, bool newConnection, IReadOnlyCollection<string> flags, FlowPeer source, FlowPeer destination)
    {
        var connection = newConnection || Connections == 0 ? 1 : 0;
        Connections += connection;
        First = Math.Min(First, start);
        Last = Math.Max(Last, end);
        if (flags.Count == 0)
        {
            CleanConnections += newConnection || CleanConnections == 0 ? 1 : 0;
            CleanFirst = Math.Min(CleanFirst, start);
            CleanLast = Math.Max(CleanLast, end);
        }
        foreach (var flag in flags)
            Flags[flag] = Flags.GetValueOrDefault(flag) + Math.Max(connection, Flags.ContainsKey(flag) ? 0 : 1);
        if (_samples.Count < MaxSamples)
            _samples.TryAdd((Identity(source), Identity(destination)), new EdgeSample(source, destination));
    }

    /// <summary>
    /// Marks the clean connections as flagged by <paramref name="detector"/> when all of them fall within the span:
    /// what a detector recognised only later (the probes of a scan before it crossed the threshold). An edge
    /// already flagged gets the detector too when it lies within the span.
    /// </summary>
    public void FlagWithin(string detector, long first, long last)
    {
        if (CleanConnections > 0)
        {
            if (CleanFirst < first || CleanLast > last)
                return;
            Flags[detector] = Flags.GetValueOrDefault(detector) + CleanConnections;
            CleanConnections = 0;
        }
        else if (First >= first && Last <= last)
        {
            Flags.TryAdd(detector, Connections);
        }
    }

    /// <summary>Peers differ for the policies by their labels (pods) or address (the rest).</summary>
    private static string Identity(FlowPeer peer) =>
        peer.Pod is { } pod ? $"{pod.Namespace}\0{pod.Labels}\0{pod.HostNetwork}" : peer.Name;
}
