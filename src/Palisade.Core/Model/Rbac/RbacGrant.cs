namespace Palisade.Model.Rbac;

/// <summary>
/// One rule a role grants: the rule, the role that declares it, and the role bound (the same role, or the
/// ClusterRole it was aggregated into).
/// </summary>
public sealed record RbacGrant(RbacRole Bound, RbacRole Source, RbacRule Rule)
{
    /// <summary>Where the rule comes from: <c>ClusterRole edit rules[3]</c>, or via aggregation from another ClusterRole.</summary>
    public string Describe() =>
        Source == Bound
            ? $"{Bound} {Rule.Field} ({Rule.Describe()})"
            : $"{Bound}, which aggregates {Source} {Rule.Field} ({Rule.Describe()})";
}
