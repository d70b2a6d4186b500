using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Connectivity.Explain;

/// <summary>
/// Explains a pair from the engine's own verdict: the rules the verdict lists as admitting are reported
/// as such; only for the other rules of the selecting policies is the reason they do not apply worked out.
/// </summary>
public static class Explainer
{
    /// <summary>Explains the pair, for one protocol and port or for every connection.</summary>
    public static PairExplanation Explain(PolicyEngine engine, Endpoint source, Endpoint destination, ConnectionQuery? query = null)
    {
        var verdict = engine.Evaluate(source, destination);
        var destinationPorts = destination is PodEndpoint d ? d.Pod.Ports : [];
        return new PairExplanation(verdict, query,
            Side(engine, verdict.Egress, source, destination, destinationPorts, query),
            Side(engine, verdict.Ingress, destination, source, destinationPorts, query));
    }

    private static SideExplanation Side(PolicyEngine engine, DirectionVerdict verdict, Endpoint subject, Endpoint peer,
        IReadOnlyList<ContainerPort> destinationPorts, ConnectionQuery? query)
    {
        if (verdict.IsOpen)
            return new SideExplanation(verdict.Direction, subject, OpenReason(engine, verdict.Direction, subject), [], true) { Verdict = verdict };
        var policies = verdict.SelectingPolicies.Select(policy => new PolicyOutcome(policy,
            policy.Rules(verdict.Direction).Select(rule => Outcome(engine, verdict, policy, rule, peer, destinationPorts, query)).ToArray())).ToArray();
        var allows = query is { } q ? verdict.Allowed.Contains(q.Protocol, q.Port) : !verdict.Allowed.IsEmpty;
        return new SideExplanation(verdict.Direction, subject, null, policies, allows) { Verdict = verdict };
    }

    private static RuleOutcome Outcome(PolicyEngine engine, DirectionVerdict verdict, NetworkPolicy policy, PolicyRule rule, Endpoint peer,
        IReadOnlyList<ContainerPort> destinationPorts, ConnectionQuery? query)
    {
        var match = verdict.Matches.FirstOrDefault(m => ReferenceEquals(m.Rule, rule));
        if (match is not null && (query is not { } q || match.Connections.Contains(q.Protocol, q.Port)))
            return new RuleOutcome(rule, match.Connections, null);
        var reason = match is not null
            ? Reasons.PortNotAdmitted(rule, query!.Value, match.Connections, destinationPorts)
            : !engine.PeerMatches(rule, peer)
                ? Reasons.PeerMismatch(engine, policy.Namespace, rule, peer, verdict.Direction)
                : Reasons.NoPortResolves(rule, destinationPorts);
        return new RuleOutcome(rule, match?.Connections ?? ConnectionSet.None, reason);
    }

    private static string OpenReason(PolicyEngine engine, PolicyDirection direction, Endpoint subject) => subject switch
    {
        ExternalEndpoint e => $"{e.Range.ToShortString()} is outside the cluster; no policy governs its {Reasons.Word(direction)}",
        PodEndpoint { Pod.HostNetwork: true } p when !engine.IsSubjectToPolicies(p.Pod) =>
            $"{p.Pod} uses the host network; pod policies do not apply to it",
        _ => $"no policy selects it for {Reasons.Word(direction)}",
    };
}
