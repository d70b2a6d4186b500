namespace Palisade.Connectivity.Diff;

/// <summary>Every pair that differs between two connectivity reports, plus the unchanged ones for graphs.</summary>
public sealed record ConnectivityDiff(ConnectivityReport Before, ConnectivityReport After, IReadOnlyList<ConnectionDiff> Entries)
{
    /// <summary>Entries, compared element by element.</summary>
    public IReadOnlyList<ConnectionDiff> Entries { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Entries);

    /// <summary>The entries that are differences (not <see cref="DiffKind.Unchanged"/>).</summary>
    public IEnumerable<ConnectionDiff> Changes => Entries.Where(e => e.Kind != DiffKind.Unchanged);

    /// <summary>Whether anything differs.</summary>
    public bool IsEmpty => !Changes.Any();
}
