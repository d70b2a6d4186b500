namespace Palisade.Model;

/// <summary>
/// The cluster over time: states as half-open validity intervals, the first valid since the beginning of
/// time. A cluster read once is a history of one state. Immutable and safe for concurrent readers.
/// </summary>
public sealed class ClusterHistory
{
    private readonly long[] _starts;

    /// <summary>Creates a history; the states must be in time order, the first one starting at <see cref="DateTimeOffset.MinValue"/>.</summary>
    public ClusterHistory(IReadOnlyList<ClusterState> states)
    {
        if (states.Count == 0 || states[0].From != DateTimeOffset.MinValue)
            throw new ArgumentException("a history starts with a state valid since the beginning of time", nameof(states));
        States = states;
        _starts = new long[states.Count];
        for (var i = 0; i < states.Count; i++)
        {
            _starts[i] = states[i].From.UtcTicks;
            if (i > 0 && _starts[i] < _starts[i - 1])
                throw new ArgumentException("states must be in time order", nameof(states));
        }
    }

    /// <summary>A cluster that never changes.</summary>
    public static ClusterHistory Static(Cluster cluster) => new([new ClusterState(DateTimeOffset.MinValue, cluster, null)]);

    /// <summary>The states in time order.</summary>
    public IReadOnlyList<ClusterState> States { get; }

    /// <summary>The initial state.</summary>
    public Cluster Initial => States[0].Cluster;

    /// <summary>The index of the state in force at the instant (UTC ticks): the last one started at or before it.</summary>
    public int IndexAt(long utcTicks)
    {
        var index = Array.BinarySearch(_starts, utcTicks);
        if (index >= 0)
        {
            while (index + 1 < _starts.Length && _starts[index + 1] == utcTicks)
                index++;
            return index;
        }
        return Math.Max(0, ~index - 1);
    }

    /// <summary>When the state at the index ends (exclusive), as UTC ticks; <see cref="long.MaxValue"/> for the last.</summary>
    public long EndOf(int index) => index + 1 < _starts.Length ? _starts[index + 1] : long.MaxValue;
}
