using Palisade.Labels;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Connectivity.Explain;

/// <summary>The reasons a rule does not admit a connection, in words.</summary>
internal static class Reasons
{
    public static string Word(PolicyDirection direction) => direction == PolicyDirection.Ingress ? "ingress" : "egress";

    /// <summary>Why none of the rule's peers matches the endpoint, peer by peer.</summary>
    public static string PeerMismatch(PolicyEngine engine, string policyNamespace, PolicyRule rule, Endpoint peer, PolicyDirection direction)
    {
        var reasons = rule.Peers.Select(p => Peer(engine, p, peer, policyNamespace)).Distinct().ToArray();
        var side = direction == PolicyDirection.Ingress ? "from" : "to";
        return reasons.Length == 1
            ? $"peer does not match: {reasons[0]}"
            : $"none of its {rule.Peers.Count} {side} peers matches: {string.Join("; ", reasons)}";
    }

    private static string Peer(PolicyEngine engine, PolicyPeer entry, Endpoint peer, string policyNamespace)
    {
        switch (entry, peer)
        {
            case (SelectorPeer, ExternalEndpoint e):
                return $"{entry} selects pods, not the external address {e.Range.ToShortString()}";
            case (SelectorPeer, PodEndpoint p) when !engine.IsSubjectToPolicies(p.Pod):
                return $"{p.Pod} uses the host network, so selectors never match it";
            case (SelectorPeer s, PodEndpoint p):
                if (s.NamespaceSelector is null && p.Pod.Namespace != policyNamespace)
                    return $"podSelector without namespaceSelector selects in namespace {policyNamespace} only, and {p.Pod} is in {p.Pod.Namespace}";
                if (s.NamespaceSelector is { } ns && ns.FirstMismatch(engine.Cluster.NamespaceLabels(p.Pod.Namespace)) is { } nsTerm)
                    return $"namespaceSelector {ns} does not match namespace {p.Pod.Namespace} (needs {nsTerm})";
                if (s.PodSelector is { } pod && pod.FirstMismatch(p.Pod.Labels) is { } podTerm)
                    return $"podSelector {pod} does not match {p.Pod} (needs {podTerm}; labels: {Labels(p.Pod.Labels)})";
                return $"{entry} does not match {p.Pod}";
            case (IpBlockPeer b, ExternalEndpoint e):
                return IpBlock(b, e.Range.ToShortString(), b.CidrRange.Contains(e.Range), e.Range);
            case (IpBlockPeer b, PodEndpoint p):
                if (!engine.Options.IpBlockMatchesPodIps && engine.IsSubjectToPolicies(p.Pod))
                    return $"{b} matches external addresses only (--ipblock-pod-ips off)";
                if (p.Pod.Addresses.Count == 0)
                    return $"{b} can only match {p.Pod} by its IP, which the input does not give";
                var address = p.Pod.Addresses[0];
                var single = IpRange.Single(address);
                return IpBlock(b, $"{p.Pod}'s IP {address}", b.CidrRange.Contains(single), single);
            default:
                return $"{entry} does not match {peer.DisplayName}";
        }
    }

    private static string IpBlock(IpBlockPeer block, string what, bool inCidr, IpRange range)
    {
        if (!inCidr)
            return $"ipBlock {block.Cidr} does not contain {what}";
        for (var i = 0; i < block.ExceptRanges.Count; i++)
        {
            if (block.ExceptRanges[i].Contains(range))
                return $"{what} is carved out of ipBlock {block.Cidr} by except {block.Except[i]}";
        }
        return $"{block} does not contain {what}";
    }

    /// <summary>Why a rule whose peer matches admits nothing: its named ports resolve nowhere.</summary>
    public static string NoPortResolves(PolicyRule rule, IReadOnlyList<ContainerPort> destinationPorts)
    {
        var named = rule.Ports.Where(p => p.Name is not null).ToArray();
        if (named.Length == 0)
            return "admits nothing";
        return string.Join("; ", named.Select(p => NamedPort(p, destinationPorts)));
    }

    /// <summary>Why a rule that admits something does not admit the query.</summary>
    public static string PortNotAdmitted(PolicyRule rule, ConnectionQuery query, ConnectionSet admitted, IReadOnlyList<ContainerPort> destinationPorts)
    {
        var sameProtocol = rule.Ports.Where(p => p.Protocol == query.Protocol).ToArray();
        if (sameProtocol.Length == 0)
            return $"protocol {query.Protocol.Name()} is not listed (the rule admits {admitted})";
        var named = sameProtocol.FirstOrDefault(p => p.Name is not null && p.Resolve(destinationPorts).IsEmpty);
        var text = $"port {query} is not listed (the rule admits {admitted})";
        return named is null ? text : $"{text}; {NamedPort(named, destinationPorts)}";
    }

    private static string NamedPort(PolicyPort port, IReadOnlyList<ContainerPort> destinationPorts)
    {
        var sameName = destinationPorts.Where(p => p.Name == port.Name).ToArray();
        if (sameName.Length > 0)
            return $"named port {port.Name} is declared by the destination for {string.Join(", ", sameName.Select(p => p.Protocol.Name()))}, not {port.Protocol.Name()}";
        return destinationPorts.Count == 0
            ? $"named port {port.Name} is not declared by the destination (it declares no ports; external addresses have none)"
            : $"named port {port.Name} is not declared by the destination (it declares {string.Join(", ", destinationPorts.Select(p => $"{p.Name ?? "(unnamed)"} {p.Port}/{p.Protocol.Name()}"))})";
    }

    private static string Labels(LabelSet labels) => labels.Count == 0 ? "none" : labels.ToString();
}
