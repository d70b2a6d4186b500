using Palisade.Connectivity;
using Palisade.Generate.Traffic;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Generate.Proof;

/// <summary>
/// Says why the engine allows connections between two peers with the generated policies applied: for each side a
/// generated policy governs, the generated rules that admit them, each with the way it reaches beyond the traffic
/// seen (its widening, or a selector that also matches this peer), and any admin-tier Allow.
/// </summary>
public sealed class ReasonFinder
{
    private const int MaxEndpoints = 3;
    private readonly PolicyEngine _engine;
    private readonly ConnectivityReport _report;
    private readonly Dictionary<PolicyRule, GeneratedRule> _rules = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<NetworkPolicy> _generated = new(ReferenceEqualityComparer.Instance);

    /// <summary>Explains by the engine of the combined cluster and its report.</summary>
    public ReasonFinder(PolicyEngine engine, ConnectivityReport report, IEnumerable<GeneratedPolicy> generated)
    {
        _engine = engine;
        _report = report;
        foreach (var policy in generated)
        {
            _generated.Add(policy.Policy);
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
                _rules[rule.Rule] = rule;
        }
    }

    /// <summary>Whether a generated policy isolates some pod of the peer in the direction.</summary>
    public bool Governs(Peer peer, PolicyDirection direction) =>
        peer is WorkloadPeer && Pods(peer).Any(p => _engine.PoliciesSelecting(p, direction).Any(_generated.Contains));

    /// <summary>
    /// Of <paramref name="connections"/>, those a generated rule admits (the rest is the existing policies' doing), and
    /// the reasons, sorted and distinct; an admin-tier Allow is named as a reason too.
    /// </summary>
    public (ConnectionSet Admitted, IReadOnlyList<string> Reasons) Why(Peer source, Peer destination, ConnectionSet connections)
    {
        var reasons = new SortedSet<string>(StringComparer.Ordinal);
        var admitted = ConnectionSet.None;
        foreach (var s in Endpoints(source))
        {
            foreach (var d in Endpoints(destination))
            {
                var verdict = _engine.Evaluate(s, d);
                admitted = admitted.Union(Side(verdict.Egress, destination, connections, reasons));
                admitted = admitted.Union(Side(verdict.Ingress, source, connections, reasons));
            }
        }
        return (admitted, [.. reasons]);
    }

    /// <summary>What the generated rules of one side admit of the connections, adding their reasons.</summary>
    private ConnectionSet Side(DirectionVerdict side, Peer other, ConnectionSet connections, SortedSet<string> reasons)
    {
        var admitted = ConnectionSet.None;
        foreach (var decision in side.AdminDecisions)
        {
            if (decision.Action == AdminAction.Allow && !decision.Connections.Intersect(connections).IsEmpty)
                reasons.Add($"allowed by {decision.Policy}");
        }
        foreach (var match in side.Matches)
        {
            if (match.Connections.Intersect(connections).IsEmpty || !_rules.TryGetValue(match.Rule, out var rule))
                continue;
            admitted = admitted.Union(match.Connections.Intersect(connections));
            if (rule.Widenings.Count > 0)
            {
                reasons.UnionWith(rule.Widenings);
                continue;
            }
            var seen = rule.Peers.Any(p => ObservedReport.PeerOf(p).Equals(other) || other is ExternalPeer e && p.Address is { } a && e.Range.Contains(a.Range));
            var peers = string.Join(", ", match.Rule.Peers);
            reasons.Add(seen
                ? $"{match.Policy} {match.Rule.Path} merges the ports seen towards {peers}"
                : $"{match.Policy} {match.Rule.Path}: {peers} also matches {other}, which shares the labels (or address) of {string.Join(", ", rule.Peers)}");
        }
        return admitted;
    }

    private IEnumerable<PodEndpoint> Pods(Peer peer) =>
        _report.Endpoints.TryGetValue(peer, out var endpoints) ? endpoints.OfType<PodEndpoint>() : [];

    /// <summary>A few endpoints of the peer, one per identity class; an external piece stands for itself.</summary>
    private IEnumerable<Endpoint> Endpoints(Peer peer)
    {
        if (peer is ExternalPeer external)
            return [new ExternalEndpoint(external.Range)];
        return Pods(peer).DistinctBy(_engine.IdentityClass).Take(MaxEndpoints);
    }
}
