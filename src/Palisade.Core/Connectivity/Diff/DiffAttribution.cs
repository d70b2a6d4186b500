using System.Net;
using Palisade.Policy;

namespace Palisade.Connectivity.Diff;

/// <summary>
/// Names the manifest behind each difference, from the verdicts of the two versions: the rules that now
/// admit a wider connection, the policies that now deny a narrower one, or the workload that appeared or
/// vanished.
/// </summary>
public sealed class DiffAttribution(PolicyEngine before, PolicyEngine after)
{
    /// <summary>The causes, most specific first; empty when none can be named.</summary>
    public IReadOnlyList<DiffCause> Causes(ConnectivityDiff diff, ConnectionDiff change)
    {
        var causes = new List<DiffCause>();
        if (change.Widens)
            causes.AddRange(AdmittingRules(diff.After, after, change));
        if (!change.Before.Except(change.After).IsEmpty)
            causes.AddRange(DenyingPolicies(diff.After, after, change));
        foreach (var (peer, appears) in new[] { (change.Source, change.SourceAppearsOrVanishes), (change.Destination, change.DestinationAppearsOrVanishes) })
        {
            if (!appears)
                continue;
            var report = change.Kind == DiffKind.Removed ? diff.Before : diff.After;
            if (Endpoint(report, peer) is PodEndpoint pod)
                causes.Add(new DiffCause($"workload {peer} {(change.Kind == DiffKind.Removed ? "removed" : "added")}", pod.Pod.Location));
        }
        if (causes.Count == 0 && change.Widens)
            causes.AddRange(DenyingPolicies(diff.Before, before, change).Select(c => c with { Description = c.Description.Replace("now isolates", "no longer isolates", StringComparison.Ordinal) }));
        return causes.DistinctBy(c => c.Description).ToArray();
    }

    private static IEnumerable<DiffCause> AdmittingRules(ConnectivityReport report, PolicyEngine engine, ConnectionDiff change)
    {
        if (Verdict(report, engine, change) is not { } verdict)
            yield break;
        foreach (var side in new[] { verdict.Egress, verdict.Ingress })
        {
            foreach (var decision in side.AdminDecisions.Concat(side.BaselineDecisions).Where(d => d.Action == AdminAction.Allow))
                yield return new DiffCause($"{decision.Policy} {decision.Rule.Label} allows {decision.Connections}", decision.Policy.Location);
            foreach (var match in side.Matches)
                yield return new DiffCause($"NetworkPolicy {match.Policy} {match.Rule.Path} admits {match.Connections}", match.Policy.Location);
        }
    }

    private static IEnumerable<DiffCause> DenyingPolicies(ConnectivityReport report, PolicyEngine engine, ConnectionDiff change)
    {
        if (Verdict(report, engine, change) is not { } verdict)
            yield break;
        foreach (var side in new[] { verdict.Egress, verdict.Ingress })
        {
            foreach (var decision in side.AdminDecisions.Concat(side.BaselineDecisions).Where(d => d.Action == AdminAction.Deny))
                yield return new DiffCause($"{decision.Policy} {decision.Rule.Label} denies {decision.Connections}", decision.Policy.Location);
            if (!side.Isolated)
                continue;
            foreach (var policy in side.SelectingPolicies)
                yield return new DiffCause($"NetworkPolicy {policy} now isolates the {(side.Direction == PolicyDirection.Egress ? "source" : "destination")} for {side.Direction.ToString().ToLowerInvariant()}", policy.Location);
        }
    }

    private static PairVerdict? Verdict(ConnectivityReport report, PolicyEngine engine, ConnectionDiff change) =>
        Endpoint(report, change.Source) is { } source && Endpoint(report, change.Destination) is { } destination
            ? engine.Evaluate(source, destination)
            : null;

    private static Endpoint? Endpoint(ConnectivityReport report, Peer peer)
    {
        if (!peer.IsExternal)
            return report.Endpoints.TryGetValue(peer, out var endpoints) ? endpoints[0] : null;
        var dash = peer.Name.IndexOf('-');
        return dash > 0 && IPAddress.TryParse(peer.Name.AsSpan(0, dash), out var first) ? new ExternalEndpoint(IpRange.Single(first)) : null;
    }
}
