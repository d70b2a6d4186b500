
namespace Palisade.Policy;

/// <summary>
/// A cluster-scoped policy: an AdminNetworkPolicy (Admin tier, with a priority), the
/// BaselineAdminNetworkPolicy (Baseline tier), or a ClusterNetworkPolicy of either tier.
/// </summary>
public sealed record AdminNetworkPolicy(string Kind, string Name, AdminTier Tier, int Priority, AdminSubject Subject)
{
    /// <summary>Ingress rules in order.</summary>
    public IReadOnlyList<AdminRule> Ingress { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Egress rules in order.</summary>
    public IReadOnlyList<AdminRule> Egress { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The rules of one direction.</summary>
    public IReadOnlyList<AdminRule> Rules(PolicyDirection direction) => direction == PolicyDirection.Ingress ? Ingress : Egress;

    /// <summary><c>Kind name</c>.</summary>
    public override string ToString() => $"{Kind} {Name}";
}
