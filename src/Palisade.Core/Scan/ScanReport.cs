using Palisade.Connectivity;
using Palisade.Connectivity.Edge;
using Palisade.Findings;

namespace Palisade.Scan;

/// <summary>The one-stop report: what the cluster holds, how much of it policies cover, what is exposed, the findings and the risk.</summary>
public sealed record ScanReport(
    Inventory Inventory,
    PolicyCoverage Coverage,
    ConnectivityReport Connectivity,
    IReadOnlyList<ExposedWorkload> Exposed,
    FindingsResult Findings,
    RiskSummary Risk)
{
    /// <summary>Exposed, compared element by element.</summary>
    public IReadOnlyList<ExposedWorkload> Exposed { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Exposed);

    /// <summary>What the analysis warns about, such as routes the policies block.</summary>
    public IReadOnlyList<string> Warnings { get; init => field = ValueCollections.List(value); } = [];
}

/// <summary>Counts of the objects analysed.</summary>
public sealed record Inventory(int Namespaces, int Workloads, int Pods, int NetworkPolicies, int ClusterPolicies, int Services, int IngressRoutes);

/// <summary>How many workloads policies govern in each direction (hostNetwork workloads are counted apart).</summary>
public sealed record PolicyCoverage(int Workloads, int IngressIsolated, int EgressIsolated, int HostNetwork, int NamespacesWithPolicies, int NamespacesWithWorkloads);

/// <summary>A workload outside traffic reaches, how, and on which ports.</summary>
public sealed record ExposedWorkload(Peer Workload, OutsideExposure Exposure);

/// <summary>
/// The overall risk: the worst severity found, and a 0–100 score where higher is riskier
/// (<see cref="Risk.RiskModel"/>), with its factors, most weighty first.
/// </summary>
public sealed record RiskSummary(Severity? Level, int Score, IReadOnlyList<Risk.RiskFactor> Factors)
{
    /// <summary>Factors, compared element by element.</summary>
    public IReadOnlyList<Risk.RiskFactor> Factors { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Factors);

    /// <summary>The factors that weigh most, explained: "the cloud metadata service reachable from 12 of 12 workloads (+24)".</summary>
    public string WeighsMost(int count = 3)
    {
        var weighty = Factors.Where(f => f.Points > 0).Take(count).Select(f => f.Explain()).ToArray();
        return weighty.Length == 0 ? "nothing (no workload is open and no finding weighs)" : string.Join("; ", weighty);
    }
}
