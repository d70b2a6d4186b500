using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Connectivity.Diff;

/// <summary>
/// Names the manifests behind each difference by comparing the pair's verdicts in the two versions, rule
/// by rule: what now admits the added connections and did not before, what stopped admitting the removed
/// ones or now isolates or denies them, and workloads that appeared or vanished. A rule is located on its own
/// line when the version's objects are given (a review annotates the rule, not the policy's first line).
/// </summary>
public sealed class DiffAttribution(PolicyEngine before, PolicyEngine after, ObjectIndex? beforeObjects = null, ObjectIndex? afterObjects = null)
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
            var previous = Admitting(old, beforeObjects).Select(a => a.Key).ToHashSet();
            causes.AddRange(Admitting(now, afterObjects).Where(a => !previous.Contains(a.Key) && !a.Connections.Intersect(widened).IsEmpty).Select(a => a.Cause));
            var isolatingNow = Isolating(now).Select(i => i.Key).ToHashSet();
            causes.AddRange(Isolating(old).Where(i => !isolatingNow.Contains(i.Key)).Select(i => i.Cause with { Isolates = false }));
        }
        if (!narrowed.IsEmpty && old is not null)
        {
            var current = Admitting(now, afterObjects).Select(a => a.Key).ToHashSet();
            causes.AddRange(Admitting(old, beforeObjects).Where(a => !current.Contains(a.Key) && !a.Connections.Intersect(narrowed).IsEmpty).Select(NoLonger));
            var isolatingBefore = Isolating(old).Select(i => i.Key).ToHashSet();
            causes.AddRange(Isolating(now).Where(n => !isolatingBefore.Contains(n.Key)).Select(n => n.Cause));
            causes.AddRange(Denying(now, afterObjects).Where(d => !d.Connections.Intersect(narrowed).IsEmpty).Select(d => d.Cause));
        }
        foreach (var (peer, appears) in new[] { (change.Source, change.SourceAppearsOrVanishes), (change.Destination, change.DestinationAppearsOrVanishes) })
        {
            var report = change.Kind == DiffKind.Removed ? diff.Before : diff.After;
            if (appears && Endpoint(report, peer) is PodEndpoint pod)
                causes.Add(new WorkloadCause(peer, change.Kind != DiffKind.Removed) { Location = pod.Pod.Location });
        }
        return causes.DistinctBy(c => c with { Location = null }).ToArray();
    }

    /// <summary>A rule of the old version that admits no more: located where its rule (or the nearest part of its policy) is declared now, if it still is.</summary>
    private DiffCause NoLonger(Admission admission)
    {
        var located = admission.Cause with { Location = LocationNow(admission.Key) ?? admission.Cause.Location };
        return located is NetworkPolicyRuleCause rule ? rule with { Admits = false } : located;
    }

    private SourceLocation? LocationNow(RuleKey key)
    {
        var policy = key.PolicyKind == "NetworkPolicy"
            ? after.Cluster.NetworkPolicies.FirstOrDefault(p => p.Namespace == key.Namespace && p.Name == key.Name)?.Location
            : after.Cluster.AdminPolicies.FirstOrDefault(p => p.Kind == key.PolicyKind && p.Name == key.Name)?.Location;
        return policy is null ? null : Locate(afterObjects, key.PolicyKind, key.Namespace, key.Name, key.Path, policy);
    }

    /// <summary>The rule's line where the objects know it, else its policy's.</summary>
    private static SourceLocation? Locate(ObjectIndex? objects, string kind, string? ns, string name, string path, SourceLocation? policy) =>
        objects?.Find(new ObjectKey(kind, ns, name))?.Locate(path) ?? policy;

    /// <summary>A rule by its policy, its path and what it admits: the same in both versions when unchanged.</summary>
    private sealed record RuleKey(string PolicyKind, string? Namespace, string Name, string Path, ConnectionSet Connections);

    private sealed record Admission(RuleKey Key, ConnectionSet Connections, DiffCause Cause);

    private sealed record Isolation((PolicyDirection Direction, string Namespace, string Name) Key, IsolationCause Cause);

    private static IEnumerable<Admission> Admitting(PairVerdict? verdict, ObjectIndex? objects)
    {
        if (verdict is null)
            yield break;
        foreach (var side in new[] { verdict.Egress, verdict.Ingress })
        {
            foreach (var d in side.AdminDecisions.Concat(side.BaselineDecisions).Where(d => d.Action == AdminAction.Allow))
                yield return new(new RuleKey(d.Policy.Kind, null, d.Policy.Name, d.Rule.Path, d.Connections), d.Connections,
                    new AdminRuleCause(d.Policy, d.Rule, d.Connections) { Location = Locate(objects, d.Policy.Kind, null, d.Policy.Name, d.Rule.Path, d.Policy.Location) });
            foreach (var m in side.Matches)
                yield return new(new RuleKey("NetworkPolicy", m.Policy.Namespace, m.Policy.Name, m.Rule.Path, m.Connections), m.Connections,
                    new NetworkPolicyRuleCause(m.Policy, m.Rule, m.Connections, Admits: true) { Location = Locate(objects, "NetworkPolicy", m.Policy.Namespace, m.Policy.Name, m.Rule.Path, m.Policy.Location) });
        }
    }

    /// <summary>The policies isolating each side, as causes of isolation that came about.</summary>
    private static IEnumerable<Isolation> Isolating(PairVerdict? verdict)
    {
        if (verdict is null)
            yield break;
        foreach (var side in new[] { verdict.Egress, verdict.Ingress })
        {
            foreach (var policy in side.Isolated ? side.SelectingPolicies : [])
                yield return new((side.Direction, policy.Namespace, policy.Name), new IsolationCause(policy, side.Direction, Isolates: true) { Location = policy.Location });
        }
    }

    private static IEnumerable<(ConnectionSet Connections, DiffCause Cause)> Denying(PairVerdict? verdict, ObjectIndex? objects)
    {
        if (verdict is null)
            yield break;
        foreach (var side in new[] { verdict.Egress, verdict.Ingress })
        {
            foreach (var d in side.AdminDecisions.Concat(side.BaselineDecisions).Where(d => d.Action == AdminAction.Deny))
                yield return (d.Connections, new AdminRuleCause(d.Policy, d.Rule, d.Connections) { Location = Locate(objects, d.Policy.Kind, null, d.Policy.Name, d.Rule.Path, d.Policy.Location) });
        }
    }

    private static PairVerdict? Verdict(ConnectivityStream report, PolicyEngine engine, ConnectionDiff change) =>
        Endpoint(report, change.Source) is { } source && Endpoint(report, change.Destination) is { } destination
            ? engine.Evaluate(source, destination)
            : null;

    private static Endpoint? Endpoint(ConnectivityStream report, Peer peer) => peer switch
    {
        ExternalPeer external => new ExternalEndpoint(external.Range with { End = external.Range.Start }),
        _ => report.Endpoints.TryGetValue(peer, out var endpoints) ? endpoints[0] : null,
    };
}
