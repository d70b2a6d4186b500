using Palisade.Connectivity;
using Palisade.Connectivity.Explain;
using Palisade.Policy;

namespace Palisade.Reporting.Explain;

/// <summary>Renders explanations in our own words: a verdict line, then each side and its policies' rules.</summary>
public static class ExplanationWriter
{
    /// <summary>The verdict line: <c>allowed: SRC => DST : CONNS</c> or <c>denied: ...</c>.</summary>
    public static string Verdict(PairExplanation e, string source, string destination)
    {
        var what = e.Query?.ToString() ?? (e.Verdict.Allowed.IsEmpty ? "No Connections" : e.Verdict.Allowed.ToString());
        return $"{(e.Allowed ? "allowed" : "denied")}: {source} => {destination} : {what}";
    }

    /// <summary>
    /// <c>eval</c>'s answer: the verdict line with the endpoints as asked (an external address as typed, not as a
    /// range), then, when asked, both sides.
    /// </summary>
    public static void WriteEval(PairExplanation e, bool sides, TextWriter output)
    {
        output.Write(Verdict(e, Name(e.Verdict.Source), Name(e.Verdict.Destination)) + "\n");
        if (sides)
            WriteSides(e, output);
    }

    private static string Name(Endpoint endpoint) => endpoint switch
    {
        ExternalEndpoint e => e.Range.ToShortString(),
        _ => endpoint.DisplayName,
    };

    /// <summary>Writes both sides, indented.</summary>
    public static void WriteSides(PairExplanation e, TextWriter output)
    {
        WriteSide(e.Egress, "egress of", e.Query, output);
        WriteSide(e.Ingress, "ingress of", e.Query, output);
    }

    private static void WriteSide(SideExplanation side, string title, ConnectionQuery? query, TextWriter output)
    {
        var subject = side.Subject switch
        {
            PodEndpoint p when p.Pod.Name != p.Pod.Owner.Name => $"{p.DisplayName} (pod {p.Pod})",
            ExternalEndpoint e => e.Range.ToShortString(),
            _ => side.Subject.DisplayName,
        };
        var verdict = side.Allows ? "allows" : "denies";
        if (side.IsOpen)
        {
            output.Write($"  {title} {subject}: {verdict}: {side.OpenReason}\n");
            return;
        }
        output.Write($"  {title} {subject}: {verdict}{(query is null && side.Allows ? " " + side.Verdict!.Allowed : "")}\n");
        WriteTier(side.Verdict!.AdminPolicies, side.Verdict.AdminDecisions, side.Direction, query, output);
        foreach (var policy in side.Policies)
        {
            var where = policy.Policy.Location is { } l ? $" ({l})" : "";
            output.Write($"    NetworkPolicy {policy.Policy}{where} selects it for {Word(side.Direction)}\n");
            if (policy.Rules.Count == 0)
                output.Write($"      it has no {Word(side.Direction)} rules, so it admits nothing\n");
            foreach (var rule in policy.Rules)
                output.Write(rule.Admits ? $"      {rule.Rule.Path} admits {rule.Admitted}\n" : $"      {rule.Rule.Path}: {rule.Reason}\n");
        }
        if (side.Verdict.Isolated && side.Verdict.BaselinePolicies.Count > 0)
            output.Write($"    the baseline tier is not consulted: NetworkPolicies isolate it for {Word(side.Direction)}\n");
        else
            WriteTier(side.Verdict.BaselinePolicies, side.Verdict.BaselineDecisions, side.Direction, query, output);
    }

    /// <summary>A tier's policies and the decisions they took: with a query, only the decision covering it.</summary>
    private static void WriteTier(IReadOnlyList<AdminNetworkPolicy> policies, IReadOnlyList<AdminDecision> decisions, PolicyDirection direction,
        ConnectionQuery? query, TextWriter output)
    {
        foreach (var policy in policies)
        {
            var priority = policy.Tier == AdminTier.Admin ? $", priority {policy.Priority}" : "";
            var where = policy.Location is { } l ? $", {l}" : "";
            output.Write($"    {policy} ({policy.Tier.ToString().ToLowerInvariant()} tier{priority}{where}) selects it\n");
            var mine = decisions.Where(d => d.Policy == policy && (query is not { } q || d.Connections.Contains(q.Protocol, q.Port))).ToArray();
            if (mine.Length == 0)
                output.Write($"      no {Word(direction)} rule of it matches this peer{(query is null ? "" : " on " + query)} before a higher-priority decision\n");
            foreach (var decision in mine)
            {
                var verb = decision.Action switch
                {
                    AdminAction.Allow => "allows",
                    AdminAction.Deny => "denies",
                    _ => "passes to the lower tiers",
                };
                output.Write($"      {decision.Rule.Label} {verb} {decision.Connections}\n");
            }
        }
    }

    private static string Word(PolicyDirection direction) => Reasons.Word(direction);
}
