using System.Net;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Connectivity.Diff;

/// <summary>
/// Names the manifests behind each difference by comparing the pair's verdicts in the two versions, rule
/// by rule: what now admits the added connections and did not before, what stopped admitting the removed
/// ones or now isolates or denies them, and workloads that appeared or vanished.
/// </summary>
public sealed class DiffAttribution(PolicyEngine before, PolicyEngine after)
{
    /// <summary>The causes, most specific first; empty when none can be named.</summary>
    public IReadOnlyList<DiffCause> Causes(ConnectivityDiff diff, ConnectionDiff change)
    {
        var old = Verdict(diff.Before, before, change);
        var now = Verdict(diff.After, after, change);
        var causes = new List<DiffCause>();
        var widened = change.After.Except(change.Before);
        var narrowed = change.Before.Except(change.After);
        if (!widened.IsEmpty && now is not null)
        {
            var previous = Admitting(old).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
            causes.AddRange(Admitting(now).Where(a => !previous.Contains(a.Key) && !a.Connections.Intersect(widened).IsEmpty).Select(a => a.Cause));
            causes.AddRange(Isolating(old).Where(i => !Isolating(now).Any(n => n.Key == i.Key))
                .Select(i => i.Cause with { Description = string.Format(System.Globalization.CultureInfo.InvariantCulture, i.Cause.Description, "no longer isolates") }));
        }
        if (!narrowed.IsEmpty && old is not null)
        {
            var current = Admitting(now).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
            causes.AddRange(Admitting(old).Where(a => !current.Contains(a.Key) && !a.Connections.Intersect(narrowed).IsEmpty)
                .Select(a => new DiffCause(a.Cause.Description.Replace(" admits ", " no longer admits ", StringComparison.Ordinal), LocationNow(a.Policy) ?? a.Cause.Location)));
            causes.AddRange(Isolating(now).Where(n => !Isolating(old).Any(i => i.Key == n.Key)).Select(n => n.Cause with { Description = string.Format(System.Globalization.CultureInfo.InvariantCulture, n.Cause.Description, "now isolates") }));
            causes.AddRange(Denying(now).Where(d => !d.Connections.Intersect(narrowed).IsEmpty).Select(d => d.Cause));
        }
        foreach (var (peer, appears) in new[] { (change.Source, change.SourceAppearsOrVanishes), (change.Destination, change.DestinationAppearsOrVanishes) })
        {
            var report = change.Kind == DiffKind.Removed ? diff.Before : diff.After;
            if (appears && Endpoint(report, peer) is PodEndpoint pod)
                causes.Add(new DiffCause($"workload {peer} {(change.Kind == DiffKind.Removed ? "removed" : "added")}", pod.Pod.Location));
        }
        return causes.DistinctBy(c => c.Description).ToArray();
    }

    private SourceLocation? LocationNow(string policy) =>
        after.Cluster.NetworkPolicies.FirstOrDefault(p => $"NetworkPolicy {p}" == policy)?.Location
        ?? after.Cluster.AdminPolicies.FirstOrDefault(p => p.ToString() == policy)?.Location;

    private sealed record Contribution(string Key, string Policy, ConnectionSet Connections, DiffCause Cause);

    private static IEnumerable<Contribution> Admitting(PairVerdict? verdict)
    {
        if (verdict is null)
            yield break;
        foreach (var side in new[] { verdict.Egress, verdict.Ingress })
        {
            foreach (var d in side.AdminDecisions.Concat(side.BaselineDecisions).Where(d => d.Action == AdminAction.Allow))
                yield return new($"{d.Policy} {d.Rule.Path} {d.Connections}", d.Policy.ToString(), d.Connections,
                    new DiffCause($"{d.Policy} {d.Rule.Label} allows {d.Connections}", d.Policy.Location));
            foreach (var m in side.Matches)
                yield return new($"NetworkPolicy {m.Policy} {m.Rule.Path} {m.Connections}", $"NetworkPolicy {m.Policy}", m.Connections,
                    new DiffCause($"NetworkPolicy {m.Policy} {m.Rule.Path} admits {m.Connections}", m.Policy.Location));
        }
    }

    /// <summary>The policies isolating each side; the cause's description has a {0} slot for the verb.</summary>
    private static IEnumerable<Contribution> Isolating(PairVerdict? verdict)
    {
        if (verdict is null)
            yield break;
        foreach (var side in new[] { verdict.Egress, verdict.Ingress })
        {
            var role = side.Direction == PolicyDirection.Egress ? "source" : "destination";
            foreach (var policy in side.Isolated ? side.SelectingPolicies : [])
                yield return new($"{side.Direction} {policy}", $"NetworkPolicy {policy}", ConnectionSet.All,
                    new DiffCause($"NetworkPolicy {policy} {{0}} the {role} for {side.Direction.ToString().ToLowerInvariant()}", policy.Location));
        }
    }

    private static IEnumerable<Contribution> Denying(PairVerdict? verdict)
    {
        if (verdict is null)
            yield break;
        foreach (var side in new[] { verdict.Egress, verdict.Ingress })
        {
            foreach (var d in side.AdminDecisions.Concat(side.BaselineDecisions).Where(d => d.Action == AdminAction.Deny))
                yield return new($"{d.Policy} {d.Rule.Path}", d.Policy.ToString(), d.Connections,
                    new DiffCause($"{d.Policy} {d.Rule.Label} denies {d.Connections}", d.Policy.Location));
        }
    }

    private static PairVerdict? Verdict(ConnectivityReport report, PolicyEngine engine, ConnectionDiff change) =>
        Endpoint(report, change.Source) is { } source && Endpoint(report, change.Destination) is { } destination
            ? engine.Evaluate(source, destination)
            : null;

    private static Endpoint? Endpoint(ConnectivityReport report, Peer peer)
    {
        if (!peer.IsAddressRange)
            return report.Endpoints.TryGetValue(peer, out var endpoints) ? endpoints[0] : null;
        var dash = peer.Name.IndexOf('-');
        return dash > 0 && IPAddress.TryParse(peer.Name.AsSpan(0, dash), out var first) ? new ExternalEndpoint(IpRange.Single(first)) : null;
    }
}
