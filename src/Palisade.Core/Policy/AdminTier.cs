namespace Palisade.Policy;

/// <summary>The tier of a cluster-scoped policy: before NetworkPolicy (Admin) or after it (Baseline).</summary>
public enum AdminTier
{
    Admin,
    Baseline,
}
