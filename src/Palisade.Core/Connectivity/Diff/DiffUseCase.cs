using Palisade.Model;

namespace Palisade.Connectivity.Diff;

/// <summary><c>diff</c>: compares the connectivity of two versions of a cluster, analysed with the same options.</summary>
public static class DiffUseCase
{
    /// <summary>The differences from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static DiffReport Run(Cluster before, Cluster after, ConnectivityOptions options)
    {
        options = options.Comparing(before.Network, after.Network);
        var oldEngine = new PolicyEngine(before.Network, options);
        var newEngine = new PolicyEngine(after.Network, options);
        var oldStream = ConnectivityAnalyzer.Stream(oldEngine);
        var newStream = ConnectivityAnalyzer.Stream(newEngine);
        var diff = ConnectivityDiffer.Compare(oldStream, newStream);
        return new DiffReport(diff, new DiffAttribution(oldEngine, newEngine, before.Objects, after.Objects), oldStream.Warnings.Union(newStream.Warnings).ToArray());
    }
}
