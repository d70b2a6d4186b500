using Palisade.Connectivity.Diff;
using Palisade.Policy;

namespace Palisade.Reporting.Diff;

/// <summary>The causes of a difference in words, as the SARIF messages give them.</summary>
public static class DiffCauseText
{
    /// <summary>One cause: <c>NetworkPolicy ns/p spec.ingress[0] admits TCP 80</c>, <c>workload ns/w[Deployment] added</c>, ...</summary>
    public static string Describe(DiffCause cause) => cause switch
    {
        NetworkPolicyRuleCause r => $"NetworkPolicy {r.Policy} {r.Rule.Path} {(r.Admits ? "admits" : "no longer admits")} {r.Connections}",
        AdminRuleCause a => $"{a.Policy} {a.Rule.Label} {(a.Rule.Action == AdminAction.Deny ? "denies" : "allows")} {a.Connections}",
        IsolationCause i => $"NetworkPolicy {i.Policy} {(i.Isolates ? "now isolates" : "no longer isolates")} the {Side(i.Direction)} for {i.Direction.ToString().ToLowerInvariant()}",
        WorkloadCause w => $"workload {w.Workload} {(w.Added ? "added" : "removed")}",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause.GetType().Name, "no wording for this cause"),
    };

    private static string Side(PolicyDirection direction) => direction == PolicyDirection.Egress ? "source" : "destination";
}
