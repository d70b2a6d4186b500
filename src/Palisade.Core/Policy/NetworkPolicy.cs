using Palisade.Labels;

namespace Palisade.Policy;

/// <summary>A networking.k8s.io/v1 NetworkPolicy in our own immutable form.</summary>
public sealed record NetworkPolicy(string Namespace, string Name, LabelSelector PodSelector)
{
    /// <summary>spec.policyTypes as written; null when omitted.</summary>
    public IReadOnlyList<PolicyDirection>? PolicyTypes { get; init => field = value is null ? null : ValueCollections.List(value); }

    /// <summary>Ingress rules in order.</summary>
    public IReadOnlyList<PolicyRule> Ingress { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Egress rules in order.</summary>
    public IReadOnlyList<PolicyRule> Egress { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Where the policy was declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>Whether the policy isolates its pods for ingress (omitted policyTypes: always).</summary>
    public bool AffectsIngress => PolicyTypes is null || Lists(PolicyTypes, PolicyDirection.Ingress);

    /// <summary>Whether the policy isolates its pods for egress (omitted policyTypes: only with egress rules).</summary>
    public bool AffectsEgress => PolicyTypes is null ? Egress.Count > 0 : Lists(PolicyTypes, PolicyDirection.Egress);

    /// <summary>Whether the types include the direction, without the enumerator an interface's Contains costs (asked per pod and policy).</summary>
    private static bool Lists(IReadOnlyList<PolicyDirection> types, PolicyDirection direction)
    {
        for (var i = 0; i < types.Count; i++)
        {
            if (types[i] == direction)
                return true;
        }
        return false;
    }

    /// <summary>Whether the policy isolates its pods in the direction.</summary>
    public bool Affects(PolicyDirection direction) =>
        direction == PolicyDirection.Ingress ? AffectsIngress : AffectsEgress;

    /// <summary>The rules of one direction.</summary>
    public IReadOnlyList<PolicyRule> Rules(PolicyDirection direction) =>
        direction == PolicyDirection.Ingress ? Ingress : Egress;

    /// <summary>ns/name.</summary>
    public override string ToString() => $"{Namespace}/{Name}";
}
