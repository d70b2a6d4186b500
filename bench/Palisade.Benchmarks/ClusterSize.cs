namespace Palisade.Benchmarks;

/// <summary>A named size of synthetic cluster: how many pods and NetworkPolicies.</summary>
public sealed record ClusterSize(string Name, int Pods, int Policies)
{
    /// <summary>S, M, L and XL as issue 5 defines them.</summary>
    public static readonly ClusterSize[] All =
    [
        new("S", 1_000, 100),
        new("M", 10_000, 1_000),
        new("L", 100_000, 10_000),
        new("XL", 150_000, 15_000),
    ];

    /// <summary>The size by name (case-insensitive).</summary>
    public static ClusterSize Named(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown size {name} (S, M, L, XL)");

    /// <inheritdoc />
    public override string ToString() => Name;
}
