using Palisade.Findings;
using Palisade.Policy;
using Palisade.Posture;
using Palisade.Scan.Risk;

namespace Palisade.Scan;

/// <summary>Builds the scan report from a context whose checks have run.</summary>
public static class ScanBuilder
{
    /// <summary>Summarises the context and the posture result.</summary>
    public static ScanReport Build(PostureContext context, FindingsResult posture)
    {
        var cluster = context.Network;
        var workloads = context.Workloads().ToArray();
        var inventory = new Inventory(cluster.Namespaces.Count, workloads.Length, cluster.Pods.Sum(p => p.Replicas),
            cluster.NetworkPolicies.Count, cluster.AdminPolicies.Count, cluster.Services.Count, cluster.IngressRoutes.Count);
        var subject = workloads.Where(w => context.Engine.IsSubjectToPolicies(w.Pod)).ToArray();
        // Namespaces are counted as PAL101 judges them: those of the workloads policies can isolate, so that a namespace
        // of node agents alone lacks nothing and one with policies but no workload covers nothing.
        var namespaces = subject.Select(w => w.Pod.Namespace).ToHashSet(StringComparer.Ordinal);
        var withPolicies = cluster.NetworkPolicies.Select(p => p.Namespace).Where(namespaces.Contains).Distinct(StringComparer.Ordinal).Count();
        var coverage = new PolicyCoverage(
            subject.Length,
            subject.Count(w => !context.IsOpen(w, PolicyDirection.Ingress)),
            subject.Count(w => !context.IsOpen(w, PolicyDirection.Egress)),
            workloads.Length - subject.Length,
            withPolicies,
            namespaces.Count);
        var exposed = workloads
            .Select(w => new ExposedWorkload(PostureContext.PeerOf(w.Pod), context.Exposure(w.Pod)))
            .Where(e => e.Exposure.IsExposed)
            .ToArray();
        return new ScanReport(inventory, coverage, context.Connectivity, exposed, posture, Risk(context, posture)) { Warnings = context.Warnings };
    }

    private static RiskSummary Risk(PostureContext context, FindingsResult posture)
    {
        var level = posture.Findings.Count == 0 ? (Severity?)null : posture.Findings.Max(f => f.Severity);
        var (score, factors) = RiskModel.Score(context, posture);
        return new RiskSummary(level, score, factors);
    }
}
