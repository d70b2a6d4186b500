using Palisade.Kubernetes.Manifests.Tokens;
using k8s.Models;
using static Palisade.Kubernetes.Manifests.Models.TokenValues;

namespace Palisade.Kubernetes.Manifests.Models;

/// <summary>The NetworkPolicy fields the policy mapper reads: its selector, policy types and rules.</summary>
internal static class PolicyReader
{
    public static V1NetworkPolicy NetworkPolicy(TokenBuffer t, int root) => new()
    {
        Metadata = MetadataReader.Of(t, root),
        Spec = Object(t, root, "spec"u8, (t, s) => new V1NetworkPolicySpec
        {
            PodSelector = Object(t, s, "podSelector"u8, Selector),
            PolicyTypes = Strings(t, s, "policyTypes"u8),
            Ingress = List(t, s, "ingress"u8, (t, r) => new V1NetworkPolicyIngressRule { FromProperty = List(t, r, "from"u8, Peer), Ports = List(t, r, "ports"u8, Port) }),
            Egress = List(t, s, "egress"u8, (t, r) => new V1NetworkPolicyEgressRule { To = List(t, r, "to"u8, Peer), Ports = List(t, r, "ports"u8, Port) }),
        }),
    };

    public static V1LabelSelector Selector(TokenBuffer t, int s) => new()
    {
        MatchLabels = Map(t, s, "matchLabels"u8),
        MatchExpressions = List(t, s, "matchExpressions"u8, (t, e) => new V1LabelSelectorRequirement
        {
            Key = String(t, e, "key"u8),
            OperatorProperty = String(t, e, "operator"u8),
            Values = Strings(t, e, "values"u8),
        }),
    };

    private static V1NetworkPolicyPeer Peer(TokenBuffer t, int p) => new()
    {
        PodSelector = Object(t, p, "podSelector"u8, Selector),
        NamespaceSelector = Object(t, p, "namespaceSelector"u8, Selector),
        IpBlock = Object(t, p, "ipBlock"u8, (t, b) => new V1IPBlock { Cidr = String(t, b, "cidr"u8), Except = Strings(t, b, "except"u8) }),
    };

    private static V1NetworkPolicyPort Port(TokenBuffer t, int p) => new()
    {
        Protocol = String(t, p, "protocol"u8),
        Port = IntOrString(t, p, "port"u8),
        EndPort = Int(t, p, "endPort"u8),
    };
}
