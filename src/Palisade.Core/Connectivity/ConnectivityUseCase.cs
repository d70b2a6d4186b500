using Palisade.Connectivity.Explain;
using Palisade.Connectivity.Exposure;
using Palisade.Model;

namespace Palisade.Connectivity;

/// <summary><c>connectivity</c>: who can talk to whom, and on request what each workload is exposed to, or why.</summary>
public static class ConnectivityUseCase
{
    /// <summary>Every allowed connection (of the focused workloads).</summary>
    public static ConnectivityReport Run(Cluster cluster, ConnectivityRequest request) => Analyze(cluster, request).Report;

    /// <summary>Every allowed connection (of the focused workloads), computed as it is read.</summary>
    public static ConnectivityStream Stream(Cluster cluster, ConnectivityRequest request)
    {
        var stream = ConnectivityAnalyzer.Stream(new PolicyEngine(cluster.Network, request.Options), request.Granularity);
        return request.Focus.Count > 0 ? ConnectivityStream.Of(Focus.Apply(stream.ToReport(), request.Focus)) : stream;
    }

    /// <summary>The connections and what each workload is open to beyond the pods present.</summary>
    public static ExposureReport Exposure(Cluster cluster, ConnectivityRequest request)
    {
        var (engine, report) = Analyze(cluster, request);
        return ExposureAnalyzer.Analyze(engine, report);
    }

    /// <summary>Every pair of the reported peers with the reasons for its verdict.</summary>
    public static ConnectivityExplanation Explain(Cluster cluster, ConnectivityRequest request)
    {
        var (engine, report) = Analyze(cluster, request);
        return new ConnectivityExplanation(engine, report);
    }

    private static (PolicyEngine Engine, ConnectivityReport Report) Analyze(Cluster cluster, ConnectivityRequest request)
    {
        var engine = new PolicyEngine(cluster.Network, request.Options);
        var report = ConnectivityAnalyzer.Analyze(engine, request.Granularity);
        return (engine, request.Focus.Count > 0 ? Focus.Apply(report, request.Focus) : report);
    }
}
