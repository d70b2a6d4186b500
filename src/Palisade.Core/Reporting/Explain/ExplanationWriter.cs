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
        output.Write($"  {title} {subject}: {verdict}{(query is null && side.Allows ? " " + Union(side) : "")}\n");
        foreach (var policy in side.Policies)
        {
            var where = policy.Policy.Location is { } l ? $" ({l})" : "";
            output.Write($"    NetworkPolicy {policy.Policy}{where} selects it for {Word(side.Direction)}\n");
            if (policy.Rules.Count == 0)
                output.Write($"      it has no {Word(side.Direction)} rules, so it admits nothing\n");
            foreach (var rule in policy.Rules)
                output.Write(rule.Admits ? $"      {rule.Rule.Path} admits {rule.Admitted}\n" : $"      {rule.Rule.Path}: {rule.Reason}\n");
        }
    }

    private static string Union(SideExplanation side)
    {
        var union = ConnectionSet.None;
        foreach (var rule in side.Policies.SelectMany(p => p.Rules).Where(r => r.Admits))
            union = union.Union(rule.Admitted);
        return union.ToString();
    }

    private static string Word(PolicyDirection direction) => direction == PolicyDirection.Ingress ? "ingress" : "egress";
}
