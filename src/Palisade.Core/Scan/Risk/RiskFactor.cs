namespace Palisade.Scan.Risk;

/// <summary>
/// One factor of the risk score: its name, how much of it the cluster shows (0–1), its weight in the formula, the
/// points it adds to the score and the facts behind it in words.
/// </summary>
public sealed record RiskFactor(string Name, double Share, double Weight, string Detail)
{
    /// <summary>The points of the score this factor accounts for (the factors' points add up to the score).</summary>
    public int Points { get; init; }

    /// <summary>"the cloud metadata service reachable from 12 of 12 workloads (+24)".</summary>
    public string Explain() => $"{Detail} (+{Points})";
}
