using Palisade.Connectivity;
using Palisade.Findings;
using Palisade.Posture;
using Palisade.Posture.Consequences;

namespace Palisade.Scan.Risk;

/// <summary>
/// The risk score, 0–100, higher is riskier: <c>100 × (1 − Π (1 − weight × share))</c> over the factors below,
/// each a share between 0 and 1. The network factors are shares of workloads (or of workload pairs) taken from
/// the engine's answers, so a policy that only removes connections can only lower them; the posture factor
/// counts the findings that no NetworkPolicy changes (RBAC, mesh, audit logging, Service and pod exposure
/// settings). docs/semantics.md gives the weights and why.
/// </summary>
public static class RiskModel
{
    /// <summary>What each finding of a severity adds to the posture factor's share (combined as independent chances).</summary>
    public static double PostureChance(Severity severity) => severity switch
    {
        Severity.Critical => 0.5,
        Severity.High => 0.25,
        Severity.Medium => 0.1,
        Severity.Low => 0.03,
        _ => 0,
    };

    // Checks whose findings follow the connectivity: the network factors account for them.
    private static readonly HashSet<string> NetworkCategories = new(StringComparer.Ordinal) { "coverage", "policy-quality", "default-ports" };

    /// <summary>The score and its factors, most points first.</summary>
    public static (int Score, IReadOnlyList<RiskFactor> Factors) Score(PostureContext context, FindingsResult findings)
    {
        var workloads = context.Workloads().ToArray();
        var n = workloads.Length;
        var consequences = workloads.Select(context.Consequences).ToArray();
        int Count(ConsequenceKind kind) => consequences.Count(list => list.Any(c => c.Kind == kind));
        var (lateral, pairs) = Lateral(context.Connectivity);
        var exposed = workloads.Count(w => context.Exposure(w.Pod).IsExposed);
        var sensitive = findings.Findings.Count(f => f.Rule.Id == "PAL401" && f.Resource?.Kind != "Service" && f.Severity >= Severity.Medium);
        var posture = findings.Findings.Where(f => !NetworkCategories.Contains(f.Rule.Category) || f.Rule.Id == "PAL401" && f.Resource?.Kind == "Service").ToArray();
        var factors = new[]
        {
            Share("metadata", 0.35, Count(ConsequenceKind.MetadataService), n, $"the cloud metadata service reachable from {Count(ConsequenceKind.MetadataService)} of {n} workloads"),
            Share("lateral-movement", 0.30, lateral, pairs, $"{Percent(lateral, pairs)} of workload pairs connected"),
            Share("control-plane", 0.20, Count(ConsequenceKind.ComponentPorts), n, $"Kubernetes component ports reachable from {Count(ConsequenceKind.ComponentPorts)} of {n} workloads"),
            Share("exposure", 0.30, exposed, n, $"{exposed} of {n} workloads reachable from outside the cluster"),
            Share("sensitive-ports", 0.20, sensitive, n, $"{sensitive} default database, cache or console ports reachable beyond their namespace"),
            Share("internet-egress", 0.10, Count(ConsequenceKind.Internet), n, $"the internet reachable from {Count(ConsequenceKind.Internet)} of {n} workloads"),
            new RiskFactor("posture", 1 - posture.Aggregate(1.0, (p, f) => p * (1 - PostureChance(f.Severity))), 0.5,
                PostureDetail(posture)),
        };
        return Combine(factors);
    }

    /// <summary>Combines the factors and shares the score out among them in proportion to their log-weights.</summary>
    public static (int Score, IReadOnlyList<RiskFactor> Factors) Combine(IReadOnlyList<RiskFactor> factors)
    {
        var logs = factors.Select(f => -Math.Log(1 - Math.Min(0.999, f.Weight * f.Share))).ToArray();
        var total = logs.Sum();
        var score = (int)Math.Round(100 * (1 - Math.Exp(-total)), MidpointRounding.AwayFromZero);
        var shared = factors.Select((f, i) => f with { Points = total == 0 ? 0 : (int)Math.Round(score * logs[i] / total) }).ToArray();
        return (score, shared.OrderByDescending(f => f.Points).ThenByDescending(f => f.Weight * f.Share).ToArray());
    }

    /// <summary>Ordered pairs of distinct in-cluster workloads with some connection, and how many pairs there are.</summary>
    private static (int Connected, int Pairs) Lateral(ConnectivityReport report)
    {
        var workloads = report.Peers.Count(p => !p.IsExternal);
        var connected = report.Connections.Count(c => !c.Source.IsExternal && !c.Destination.IsExternal && c.Source != c.Destination);
        return (connected, workloads * (workloads - 1));
    }

    private static string PostureDetail(IReadOnlyCollection<Finding> posture) =>
        posture.Count == 0
            ? "no RBAC, mesh, audit logging or exposure-setting finding"
            : $"{posture.Count} RBAC, mesh, audit logging or exposure-setting finding(s): {string.Join(", ", posture.GroupBy(f => f.Rule.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}"))}";

    private static RiskFactor Share(string name, double weight, int part, int whole, string detail) =>
        new(name, whole == 0 ? 0 : (double)part / whole, weight, detail);

    private static string Percent(int part, int whole) =>
        whole == 0 ? "0%" : $"{Math.Round(100.0 * part / whole, MidpointRounding.AwayFromZero):0}%";
}
