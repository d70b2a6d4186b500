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
/// The overall risk: the worst severity found and a 0–100 score, 100 minus 25 per critical, 10 per high,
/// 3 per medium and 1 per low finding (floored at 0), with the categories that weigh most.
/// </summary>
public sealed record RiskSummary(Severity? Level, int Score, IReadOnlyList<(string Category, int Weight)> TopCategories)
{
    /// <summary>TopCategories, compared element by element.</summary>
    public IReadOnlyList<(string Category, int Weight)> TopCategories { get; init => field = ValueCollections.List(value); } = ValueCollections.List(TopCategories);

    /// <summary>The weight a finding of the severity takes off the score.</summary>
    public static int Weight(Severity severity) => severity switch
    {
        Severity.Critical => 25,
        Severity.High => 10,
        Severity.Medium => 3,
        Severity.Low => 1,
        _ => 0,
    };
}
