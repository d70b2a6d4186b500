using Palisade.Findings;
using Palisade.Model;
using Palisade.Posture.Fixes;

namespace Palisade.Posture;

/// <summary><c>lint</c>: runs the posture checks on a cluster.</summary>
public static class LintUseCase
{
    /// <summary>The name findings reports give this producer.</summary>
    public const string Producer = "lint";

    /// <summary>Runs the enabled checks; each fix offered has been applied in memory and proven to introduce nothing.</summary>
    public static LintReport Run(Cluster cluster, LintOptions options, IProgress<string>? progress = null)
    {
        var context = new PostureContext(cluster, options.Connectivity);
        var findings = Proven(context, options, progress);
        return new LintReport(findings, context.Warnings);
    }

    /// <summary>The findings with their fixes proven (<see cref="FixVerifier"/>).</summary>
    public static FindingsResult Proven(PostureContext context, LintOptions options, IProgress<string>? progress = null)
    {
        progress?.Report("running the checks");
        return FixVerifier.Verify(context, Findings(context, options), options, progress);
    }

    /// <summary>
    /// Runs the enabled checks in a context that other reports (scan) read further; fixes are not yet proven. Findings
    /// that are only compared by check, subject, field and severity (<paramref name="unordered"/>: a fix's proof) are
    /// neither located nor ordered.
    /// </summary>
    public static FindingsResult Findings(PostureContext context, LintOptions options, bool unordered = false) =>
        FindingsPipeline.Run(Producer, context.PoliciesOnlyChanged ? PolicyReaders : CheckCatalog.All, context, context.Cluster.Objects, options.Disabled, onlyCompared: unordered);

    private static readonly IPostureCheck[] PolicyReaders = [.. CheckCatalog.All.Where(c => c.ReadsNetworkPolicies)];
}
