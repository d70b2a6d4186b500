using Palisade.Model;
using Palisade.Posture;

namespace Palisade.Scan;

/// <summary><c>scan</c>: the posture checks and the one-stop report around them.</summary>
public static class ScanUseCase
{
    /// <summary>Runs the enabled checks (fixes proven) and summarises the cluster.</summary>
    public static ScanReport Run(Cluster cluster, LintOptions options, IProgress<string>? progress = null)
    {
        var context = new PostureContext(cluster, options.Connectivity);
        var findings = LintUseCase.Proven(context, options, progress);
        progress?.Report("summarising");
        return ScanBuilder.Build(context, findings);
    }
}
