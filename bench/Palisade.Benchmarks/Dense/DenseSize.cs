namespace Palisade.Benchmarks.Dense;

/// <summary>A size of dense cluster: how many pods (replicas counted) and NetworkPolicies.</summary>
public sealed record DenseSize(string Name, int Pods, int Policies)
{
    /// <summary>The sizes of the growth table: 10k pods / 1k policies up to 150k / 7k.</summary>
    public static readonly DenseSize[] All =
    [
        new("10k", 10_000, 1_000),
        new("50k", 50_000, 3_000),
        new("100k", 100_000, 5_000),
        new("150k", 150_000, 7_000),
    ];

    /// <summary>The size by name (<c>10k</c>), or <c>PODS/POLICIES</c> for any other.</summary>
    public static DenseSize Named(string name)
    {
        if (All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) is { } known)
            return known;
        var parts = name.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], out var pods) && int.TryParse(parts[1], out var policies)
            ? new DenseSize(name, pods, policies)
            : throw new ArgumentException($"unknown dense size {name} (10k, 50k, 100k, 150k or PODS/POLICIES)");
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
