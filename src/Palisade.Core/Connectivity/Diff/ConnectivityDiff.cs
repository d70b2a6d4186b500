namespace Palisade.Connectivity.Diff;

/// <summary>Every pair that differs between two versions' connectivity; the unchanged pairs, for graphs, on request.</summary>
public sealed class ConnectivityDiff(ConnectivityStream before, ConnectivityStream after, IReadOnlyList<ConnectionDiff> changes)
{
    /// <summary>The old version's connectivity.</summary>
    public ConnectivityStream Before { get; } = before;

    /// <summary>The new version's connectivity.</summary>
    public ConnectivityStream After { get; } = after;

    /// <summary>The pairs added, removed or changed.</summary>
    public IReadOnlyList<ConnectionDiff> Changes { get; } = changes;

    /// <summary>Whether anything differs.</summary>
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>The changes and every unchanged pair, compared again from both versions' lines.</summary>
    public IEnumerable<ConnectionDiff> WithUnchanged() => ConnectivityDiffer.Entries(Before, After, unchanged: true);
}
