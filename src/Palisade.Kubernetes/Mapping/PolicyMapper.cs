using Palisade.Model;
using Palisade.Policy;
using k8s.Models;
using CoreLabelSelector = Palisade.Labels.LabelSelector;
using CoreNetworkPolicy = Palisade.Policy.NetworkPolicy;

namespace Palisade.Kubernetes.Mapping;

/// <summary>Maps a client NetworkPolicy into Core's, rejecting what the API server would reject.</summary>
internal static class PolicyMapper
{
    public static CoreNetworkPolicy Map(V1NetworkPolicy policy, FieldLocations locations)
    {
        var ns = ObjectNames.Namespace(policy.Metadata);
        var name = ObjectNames.Require(policy.Metadata, "NetworkPolicy", locations);
        try
        {
            var spec = policy.Spec ?? new V1NetworkPolicySpec();
            return new CoreNetworkPolicy(ns, name, Selector(spec.PodSelector, "spec.podSelector") ?? CoreLabelSelector.Everything)
            {
                PolicyTypes = PolicyTypes(spec.PolicyTypes),
                Ingress = (spec.Ingress ?? []).Select((rule, i) => Rule(PolicyDirection.Ingress, i, rule.FromProperty, rule.Ports)).ToArray(),
                Egress = (spec.Egress ?? []).Select((rule, i) => Rule(PolicyDirection.Egress, i, rule.To, rule.Ports)).ToArray(),
                Location = locations.Object,
            };
        }
        catch (InvalidFieldException e)
        {
            throw new InvalidInputException(locations.Of(e.Field), $"NetworkPolicy {ns}/{name}", e.Field, e.Message, e);
        }
    }

    /// <summary>Maps a label selector; null stays null (the caller decides what absence means).</summary>
    public static CoreLabelSelector? Selector(V1LabelSelector? selector, string field) =>
        selector is null
            ? null
            : CoreLabelSelector.Create(selector.MatchLabels,
                selector.MatchExpressions?.Select(e => (e.Key, (string?)e.OperatorProperty, (IReadOnlyList<string>)(e.Values?.ToArray() ?? []))),
                field);

    private static IReadOnlyList<PolicyDirection>? PolicyTypes(IList<string>? types)
    {
        if (types is null || types.Count == 0)
            return null;
        return types.Select((t, i) => t switch
        {
            "Ingress" => PolicyDirection.Ingress,
            "Egress" => PolicyDirection.Egress,
            _ => throw new InvalidFieldException($"spec.policyTypes[{i}]", $"\"{t}\" is not a policy type (Ingress, Egress)"),
        }).ToArray();
    }

    private static PolicyRule Rule(PolicyDirection direction, int index, IList<V1NetworkPolicyPeer>? peers, IList<V1NetworkPolicyPort>? ports)
    {
        var path = $"spec.{(direction == PolicyDirection.Ingress ? "ingress" : "egress")}[{index}]";
        var peerField = direction == PolicyDirection.Ingress ? "from" : "to";
        return new PolicyRule(direction, index,
            (peers ?? []).Select((p, i) => Peer(p, $"{path}.{peerField}[{i}]")).ToArray(),
            (ports ?? []).Select((p, i) => Port(p, $"{path}.ports[{i}]")).ToArray());
    }

    private static PolicyPeer Peer(V1NetworkPolicyPeer peer, string field)
    {
        var hasSelector = peer.PodSelector is not null || peer.NamespaceSelector is not null;
        if (peer.IpBlock is { } block)
        {
            if (hasSelector)
                throw new InvalidFieldException(field, "a peer may not combine ipBlock with podSelector or namespaceSelector");
            return IpBlockPeer.Create(block.Cidr, block.Except?.ToArray() ?? [], field + ".ipBlock");
        }
        if (!hasSelector)
            throw new InvalidFieldException(field, "must specify a peer: podSelector, namespaceSelector or ipBlock");
        return new SelectorPeer(Selector(peer.PodSelector, field + ".podSelector"), Selector(peer.NamespaceSelector, field + ".namespaceSelector"));
    }

    private static PolicyPort Port(V1NetworkPolicyPort port, string field)
    {
        int? number = null;
        string? name = null;
        if (port.Port?.Value is { } value)
        {
            if (int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
                number = n;
            else if (value.TrimStart('-') is { Length: > 0 } digits && digits.All(char.IsAsciiDigit))
                throw new InvalidFieldException(field + ".port", $"port {value} is outside 1-65535");
            else
                name = value;
        }
        return PolicyPort.Create(port.Protocol, number, name, port.EndPort, field);
    }
}
