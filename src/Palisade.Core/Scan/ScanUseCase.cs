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
        // The scan report keeps every line: made first, so that the checks read it instead of a second pass.
        _ = context.Connectivity;
        var findings = LintUseCase.Proven(context, options, progress);
        progress?.Report("summarising");
        return ScanBuilder.Build(context, findings);
    }
}
