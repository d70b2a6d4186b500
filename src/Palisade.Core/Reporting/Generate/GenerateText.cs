using System.Globalization;
using Palisade.Generate;

namespace Palisade.Reporting.Generate;

/// <summary>
/// The report printed with generated policies: what was read, the proof (a)–(c) with every violation and every pair
/// allowed beyond the observed edges and its reasons, the lint check, what was left out and why. Plain lines; the
/// command writes them as YAML comments above the manifests, or on their own.
/// </summary>
public static class GenerateText
{
    /// <summary>The report's lines.</summary>
    public static IReadOnlyList<string> Lines(GenerateResult result)
    {
        var lines = new List<string>();
        var set = result.Set;
        var workloads = set.Policies.Count(p => p.Workload is not null);
        var deny = set.Policies.Count - workloads;
        lines.Add($"palisade generate: {Count(set.Policies.Count, "policy", "policies")} ({Count(workloads, "workload")}{(deny > 0 ? $", {Count(deny, "default deny", "default denies")}" : "")}) "
            + (result.Inferred ? $"inferred from the manifests: {Count(result.Edges.Count, "edge")}" : From(result.Traffic, result.Edges.Count)));
        if (set.Policies.Count == 0)
            lines.Add("nothing to add: every workload seen is already isolated in both directions by existing policies");
        var proof = result.Proof;
        lines.Add("proof (existing policies plus the generated ones, evaluated by the engine):");
        lines.Add($"  (a) observed traffic allowed: {proof.EdgesReplayed - proof.NotAllowed.Count} of {Count(proof.EdgesReplayed, "edge")} ({Count(proof.ConnectionsReplayed, "connection")})");
        lines.AddRange(proof.NotAllowed.Select(e => $"      NOT ALLOWED {e}"));
        lines.Add($"  (b) reachability beyond the observed edges: {(proof.Beyond.Count == 0 ? "none" : Count(proof.Beyond.Count, "pair"))}");
        lines.AddRange(proof.Beyond.Select(l => $"      {l}"));
        lines.Add($"  (c) newly allowed, denied by the existing policies and not observed: {(proof.NewlyAllowed.Count == 0 ? "none" : Count(proof.NewlyAllowed.Count, "pair"))}");
        lines.AddRange(proof.NewlyAllowed.Select(l => $"      NEWLY ALLOWED {l}"));
        lines.Add($"  lint: {(proof.HighFindingsIntroduced.Count == 0 ? "no high finding introduced" : Count(proof.HighFindingsIntroduced.Count, "high finding") + " introduced")}");
        lines.AddRange(proof.HighFindingsIntroduced.Select(f => $"      {f.Rule.Id} {f.Subject}: {f.Message}"));
        lines.Add(proof.Holds ? "proof holds" : "PROOF VIOLATED: " + string.Join(" and ", Violated(proof)));
        var unresolvable = result.Traffic.Unresolvable;
        if (result.LeftOut.Count > 0 || unresolvable > 0)
        {
            lines.Add($"left out (not turned into rules): {result.LeftOut.Count + (unresolvable > 0 ? 1 : 0)}");
            lines.AddRange(result.LeftOut.Select(l => $"  {l}"));
            if (unresolvable > 0)
                lines.Add($"  unresolvable: {Count(unresolvable, "record")} whose addresses could not be parsed, at {string.Join(", ", result.Traffic.UnresolvableAt)}{(unresolvable > result.Traffic.UnresolvableAt.Count ? ", ..." : "")}");
        }
        return lines;
    }

    private static string From(TrafficSummary traffic, int edges) =>
        $"from {Count(traffic.Records, "flow record")}: {Count(traffic.Requests, "request")}, {traffic.NotDelivered} not delivered, "
        + (traffic.FromResidentNode > 0 ? $"{traffic.FromResidentNode} from the pod's own node (allowed whatever the policies), " : "")
        + $"{Count(edges, "edge")} to allow";

    private static IEnumerable<string> Violated(Palisade.Generate.Proof.GenerationProof proof)
    {
        if (proof.NotAllowed.Count > 0)
            yield return "(a) observed traffic denied";
        if (proof.NewlyAllowed.Count > 0)
            yield return "(c) unobserved traffic newly allowed";
    }

    private static string Count(long n, string one, string? many = null) =>
        $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? one : many ?? one + "s")}";
}
