namespace Palisade.Model;

/// <summary>
/// The cluster as it stood from <see cref="From"/> until the next state began, and the change that made it so
/// (null for the initial state). The cluster is built on first use, since most states of a long log are never
/// asked for. Immutable and safe for concurrent readers.
/// </summary>
public sealed class ClusterState(DateTimeOffset from, Lazy<Cluster> cluster, ClusterChange? cause)
{
    /// <summary>A state whose cluster is already built.</summary>
    public ClusterState(DateTimeOffset from, Cluster cluster, ClusterChange? cause)
        : this(from, new Lazy<Cluster>(cluster), cause)
    {
    }

    /// <summary>When the state began.</summary>
    public DateTimeOffset From { get; } = from;

    /// <summary>The cluster in this state.</summary>
    public Cluster Cluster => cluster.Value;

    /// <summary>The network snapshot of the state.</summary>
    public NetworkSnapshot Snapshot => Cluster.Network;

    /// <summary>The change that began the state; null for the initial one.</summary>
    public ClusterChange? Cause { get; } = cause;

    /// <summary>Objects whose state in this interval is not known (a write recorded without its body), as <c>Kind ns/name</c>.</summary>
    public IReadOnlyList<string> Unknown { get; init; } = [];
}
