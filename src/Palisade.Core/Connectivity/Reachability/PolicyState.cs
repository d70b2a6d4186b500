using Palisade.Policy;

namespace Palisade.Connectivity.Reachability;

/// <summary>A NetworkPolicy as the class model holds it: the classes it selects and its rules of the directions it isolates.</summary>
internal sealed class PolicyState(NetworkPolicy policy)
{
    /// <summary>The policy.</summary>
    public NetworkPolicy Policy => policy;

    /// <summary>The classes it selects.</summary>
    public List<ClassNode> Subjects { get; } = [];

    /// <summary>Its ingress rules, when it isolates ingress.</summary>
    public RuleState[] Ingress { get; set; } = [];

    /// <summary>Its egress rules, when it isolates egress.</summary>
    public RuleState[] Egress { get; set; } = [];
}
