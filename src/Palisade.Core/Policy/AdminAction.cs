namespace Palisade.Policy;

/// <summary>What a cluster-scoped rule does with the traffic it matches (ClusterNetworkPolicy's Accept is Allow).</summary>
public enum AdminAction
{
    Allow,
    Deny,
    Pass,
}
