using Palisade.Findings;

namespace Palisade.Posture;

/// <summary>One posture check: stateless, it reads the context and yields findings of its own <see cref="IFindingRule{TContext}.Info"/>.</summary>
public interface IPostureCheck : IFindingRule<PostureContext>
{
    /// <summary>
    /// Whether the findings can depend on NetworkPolicies, directly or through the verdicts they decide. A fix's proof
    /// changes NetworkPolicies alone, so it runs only the checks that can; the others would find what the cluster had.
    /// </summary>
    bool ReadsNetworkPolicies => true;
}
