using Palisade.Model;

namespace Palisade.Connectivity.Diff;

/// <summary><c>diff</c>: compares the connectivity of two versions of a cluster, analysed with the same options.</summary>
public static class DiffUseCase
{
    /// <summary>The differences from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static DiffReport Run(Cluster before, Cluster after, ConnectivityOptions options)
    {
        var oldEngine = new PolicyEngine(before.Network, options);
        var newEngine = new PolicyEngine(after.Network, options);
        var oldReport = ConnectivityAnalyzer.Analyze(oldEngine);
        var newReport = ConnectivityAnalyzer.Analyze(newEngine);
        var diff = ConnectivityDiffer.Compare(oldReport, newReport);
        return new DiffReport(diff, new DiffAttribution(oldEngine, newEngine), oldReport.Warnings.Union(newReport.Warnings).ToArray());
    }
}
