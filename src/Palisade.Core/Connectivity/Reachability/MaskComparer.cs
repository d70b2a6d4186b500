namespace Palisade.Connectivity.Reachability;

/// <summary>Compares port-class masks by content, so equal masks share one interned connection set.</summary>
internal sealed class MaskComparer : IEqualityComparer<ulong[]>
{
    /// <summary>The one instance.</summary>
    public static readonly MaskComparer Instance = new();

    /// <inheritdoc />
    public bool Equals(ulong[]? x, ulong[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

    /// <inheritdoc />
    public int GetHashCode(ulong[] mask)
    {
        var hash = new HashCode();
        foreach (var word in mask)
            hash.Add(word);
        return hash.ToHashCode();
    }
}
