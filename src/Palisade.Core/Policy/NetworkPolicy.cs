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
    public bool AffectsIngress => PolicyTypes?.Contains(PolicyDirection.Ingress) ?? true;

    /// <summary>Whether the policy isolates its pods for egress (omitted policyTypes: only with egress rules).</summary>
    public bool AffectsEgress => PolicyTypes?.Contains(PolicyDirection.Egress) ?? Egress.Count > 0;

    /// <summary>Whether the policy isolates its pods in the direction.</summary>
    public bool Affects(PolicyDirection direction) =>
        direction == PolicyDirection.Ingress ? AffectsIngress : AffectsEgress;

    /// <summary>The rules of one direction.</summary>
    public IReadOnlyList<PolicyRule> Rules(PolicyDirection direction) =>
        direction == PolicyDirection.Ingress ? Ingress : Egress;

    /// <summary>ns/name.</summary>
    public override string ToString() => $"{Namespace}/{Name}";
}
