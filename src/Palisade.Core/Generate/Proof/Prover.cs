using Palisade.Connectivity;
using Palisade.Connectivity.Diff;
using Palisade.Findings;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Generate.Traffic;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;
using Palisade.Posture;

namespace Palisade.Generate.Proof;

/// <summary>
/// Proves a generated set by the engine, on the cluster with the generated policies added in memory: (a) replays
/// every observed edge (each distinct pair of peers seen) through the flow judge; (b) compares the observed edges
/// with the resulting connectivity of the pairs a generated policy governs, as <c>palisade diff</c> compares two
/// versions; (c) compares the connectivity before and after, and keeps what is newly allowed and was not observed;
/// and runs <c>lint</c> before and after for the high findings the set introduces.
/// </summary>
public static class Prover
{
    /// <summary>The proof of <paramref name="set"/> on <paramref name="cluster"/> for the traffic it was built from.</summary>
    public static GenerationProof Prove(Cluster cluster, GeneratedSet set, IReadOnlyList<ObservedEdge> edges, ConnectivityOptions options)
    {
        var combined = CombinedCluster.With(cluster, set.Policies.Select(p => p.Policy), set.Replaced);
        options = options.Comparing(cluster.Network, combined.Network);
        var before = new PolicyEngine(cluster.Network, options);
        var after = new PolicyEngine(combined.Network, options);
        var beforeReport = ConnectivityAnalyzer.Analyze(before);
        var afterReport = ConnectivityAnalyzer.Analyze(after);
        var observed = ObservedReport.Of(edges, afterReport.Peers);
        var reasons = new ReasonFinder(after, afterReport, set.Policies);
        return new GenerationProof
        {
            EdgesReplayed = edges.Count,
            ConnectionsReplayed = edges.Sum(e => e.Connections),
            NotAllowed = Replay(after, edges),
            Beyond = Beyond(observed, afterReport, reasons),
            NewlyAllowed = NewlyAllowed(beforeReport, afterReport, new SeenEdges(observed), reasons),
            HighFindingsIntroduced = HighFindingsIntroduced(cluster, combined, options),
        };
    }

    /// <summary>(a) The edges some pair of whose peers the combined policies deny.</summary>
    private static List<ObservedEdge> Replay(PolicyEngine engine, IReadOnlyList<ObservedEdge> edges)
    {
        var judge = new FlowJudge(engine);
        var protocol = new Dictionary<Protocol, int> { [Protocol.Tcp] = FlowProtocols.Tcp, [Protocol.Udp] = FlowProtocols.Udp, [Protocol.Sctp] = FlowProtocols.Sctp };
        return [.. edges.Where(e => e.Samples.Any(s => judge.TryAllows(s.Source, s.Destination, protocol[e.Protocol], e.Port) != true))];
    }

    /// <summary>(b) The diff from the observed edges to the result, on the pairs a generated policy governs on either side.</summary>
    /// <remarks>Only what a generated rule admits counts: the rest of a governed pair's reach is the existing policies' doing.</remarks>
    private static List<ReachLine> Beyond(ConnectivityReport observed, ConnectivityReport after, ReasonFinder reasons)
    {
        var governed = after with
        {
            Connections = [.. after.Connections.Where(c => reasons.Governs(c.Source, PolicyDirection.Egress) || reasons.Governs(c.Destination, PolicyDirection.Ingress))],
        };
        return Widened(ConnectivityDiffer.Compare(observed, governed), seen: null, reasons);
    }

    /// <summary>(c) What the combined policies allow that the existing ones denied, less what was observed.</summary>
    private static List<ReachLine> NewlyAllowed(ConnectivityReport before, ConnectivityReport after, SeenEdges seen, ReasonFinder reasons) =>
        Widened(ConnectivityDiffer.Compare(before, after), seen, reasons);

    /// <summary>The lines the diff adds, with why; newly allowed (less what was <paramref name="seen"/>) when given what was seen, else beyond it.</summary>
    private static List<ReachLine> Widened(ConnectivityDiff diff, SeenEdges? seen, ReasonFinder reasons)
    {
        var lines = new List<ReachLine>();
        foreach (var change in diff.Changes)
        {
            if (change.Source is IngressControllerPeer || change.Destination is IngressControllerPeer)
                continue;
            var added = change.After.Except(change.Before);
            if (!added.IsEmpty && seen is not null)
                added = added.Except(seen.Between(change.Source, change.Destination));
            if (added.IsEmpty)
                continue;
            var (admitted, why) = reasons.Why(change.Source, change.Destination, added);
            // Newly allowed is reported whatever admits it; beyond the observed edges, only what generated rules admit.
            if (seen is not null)
                lines.Add(new ReachLine(change.Source.DisplayName, change.Destination.DisplayName, added, why));
            else if (!admitted.IsEmpty)
                lines.Add(new ReachLine(change.Source.DisplayName, change.Destination.DisplayName, admitted, why));
        }
        return [.. lines.OrderBy(l => l.Source, StringComparer.Ordinal).ThenBy(l => l.Destination, StringComparer.Ordinal)];
    }

    private static List<Finding> HighFindingsIntroduced(Cluster before, Cluster after, ConnectivityOptions options)
    {
        var lint = new LintOptions { Connectivity = options };
        // Only check, subject and message are compared: the checks run without building or proving fixes.
        static IReadOnlyList<Finding> All(Cluster cluster, LintOptions lint) =>
            LintUseCase.Findings(new PostureContext(cluster, lint.Connectivity) { OnlyCompared = true }, lint).Findings;
        var was = All(before, lint);
        var known = was.Where(f => f.Severity >= Severity.High).Select(f => (f.Rule.Id, f.Subject, f.Message)).ToHashSet();
        // PAL101 names a namespace without any policy once for all its workloads; once the set adds policies there, the
        // workloads it leaves open are named one by one (PAL104, PAL105): the same open sides, not introduced by the set.
        var unprotected = was.Where(f => f.Rule.Id == "PAL101" && f.Resource is not null).Select(f => f.Resource!.Name).ToHashSet(StringComparer.Ordinal);
        return [.. All(after, lint).Where(f => f.Severity >= Severity.High && !known.Contains((f.Rule.Id, f.Subject, f.Message))
            && !(f.Rule.Id is "PAL104" or "PAL105" && f.Resource?.Namespace is { } ns && unprotected.Contains(ns)))];
    }
}
