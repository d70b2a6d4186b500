namespace Palisade.Model;

/// <summary>
/// The cluster as it stood from <see cref="From"/> until the next state began, and the change that made it so
/// (null for the initial state). The snapshot is built on first use, since most states of a long log are
/// never asked for. Immutable and safe for concurrent readers.
/// </summary>
public sealed class ClusterState(DateTimeOffset from, Lazy<NetworkSnapshot> snapshot, ClusterChange? cause)
{
    /// <summary>A state whose snapshot is already built.</summary>
    public ClusterState(DateTimeOffset from, NetworkSnapshot snapshot, ClusterChange? cause)
        : this(from, new Lazy<NetworkSnapshot>(snapshot), cause)
    {
    }

    /// <summary>When the state began.</summary>
    public DateTimeOffset From { get; } = from;

    /// <summary>The network snapshot of the state.</summary>
    public NetworkSnapshot Snapshot => snapshot.Value;

    /// <summary>The change that began the state; null for the initial one.</summary>
    public ClusterChange? Cause { get; } = cause;

    /// <summary>Objects whose state in this interval is not known (a write recorded without its body), as <c>Kind ns/name</c>.</summary>
    public IReadOnlyList<string> Unknown { get; init; } = [];
}
