using Palisade.Findings;
using Palisade.Model;

namespace Palisade.Posture;

/// <summary><c>lint</c>: runs the posture checks on a cluster.</summary>
public static class LintUseCase
{
    /// <summary>The name findings reports give this producer.</summary>
    public const string Producer = "lint";

    /// <summary>Runs the enabled checks.</summary>
    public static LintReport Run(Cluster cluster, LintOptions options)
    {
        var context = new PostureContext(cluster, options.Connectivity);
        var findings = Findings(context, options);
        return new LintReport(findings, context.Warnings);
    }

    /// <summary>Runs the enabled checks in a context that other reports (scan) read further.</summary>
    public static FindingsResult Findings(PostureContext context, LintOptions options) =>
        FindingsPipeline.Run(Producer, CheckCatalog.All, context, context.Cluster.Objects, options.Disabled);
}
