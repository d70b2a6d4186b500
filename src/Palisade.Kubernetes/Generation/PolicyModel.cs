using k8s.Models;
using Palisade.Generate;
using Palisade.Labels;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Kubernetes.Generation;

/// <summary>Turns a generated policy (Core's values) into the client's <see cref="V1NetworkPolicy"/>, labels and annotations included.</summary>
public static class PolicyModel
{
    /// <summary>The client model of the policy.</summary>
    public static V1NetworkPolicy Of(GeneratedPolicy generated)
    {
        var policy = generated.Policy;
        var annotations = generated.Inferred ? new Dictionary<string, string> { [GeneratedPolicy.InferredAnnotation] = "true" } : null;
        return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta
            {
                Name = policy.Name,
                NamespaceProperty = policy.Namespace,
                Labels = new Dictionary<string, string> { [GeneratedPolicy.ManagedByLabel] = "palisade" },
                Annotations = annotations,
            },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = Selector(policy.PodSelector),
                PolicyTypes = policy.PolicyTypes?.Select(t => t.ToString()).ToList(),
                Ingress = policy.AffectsIngress && policy.Ingress.Count > 0
                    ? [.. policy.Ingress.Select(r => new V1NetworkPolicyIngressRule { FromProperty = Peers(r), Ports = Ports(r) })] : null,
                Egress = policy.AffectsEgress && policy.Egress.Count > 0
                    ? [.. policy.Egress.Select(r => new V1NetworkPolicyEgressRule { To = Peers(r), Ports = Ports(r) })] : null,
            },
        };
    }

    private static List<V1NetworkPolicyPeer>? Peers(PolicyRule rule) =>
        rule.Peers.Count == 0 ? null : [.. rule.Peers.Select(Peer)];

    private static V1NetworkPolicyPeer Peer(PolicyPeer peer) => peer switch
    {
        SelectorPeer s => new V1NetworkPolicyPeer
        {
            PodSelector = s.PodSelector is null ? null : Selector(s.PodSelector),
            NamespaceSelector = s.NamespaceSelector is null ? null : Selector(s.NamespaceSelector),
        },
        IpBlockPeer b => new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = b.Cidr, Except = b.Except.Count == 0 ? null : [.. b.Except] } },
        _ => throw new ArgumentOutOfRangeException(nameof(peer), peer, "unknown peer"),
    };

    private static List<V1NetworkPolicyPort>? Ports(PolicyRule rule) =>
        rule.Ports.Count == 0 ? null : [.. rule.Ports.Select(p => new V1NetworkPolicyPort
        {
            Protocol = p.Protocol.Name(),
            Port = p.Name is { } name ? (IntOrString)name : p.Number is { } n ? (IntOrString)n : null,
            EndPort = p.EndPort,
        })];

    private static V1LabelSelector Selector(LabelSelector selector) => new()
    {
        MatchLabels = selector.MatchLabels.Count == 0 ? null : selector.MatchLabels.OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(l => l.Key, l => l.Value),
        MatchExpressions = selector.MatchExpressions.Count == 0 ? null : [.. selector.MatchExpressions.Select(e => new V1LabelSelectorRequirement
        {
            Key = e.Key,
            OperatorProperty = e.Operator.ToString(),
            Values = e.Values.Count == 0 ? null : [.. e.Values],
        })],
    };
}
