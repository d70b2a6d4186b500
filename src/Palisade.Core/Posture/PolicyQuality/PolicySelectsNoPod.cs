using Palisade.Findings;

namespace Palisade.Posture.PolicyQuality;

/// <summary>A policy whose podSelector matches no pod present: a typo in a label, or a leftover.</summary>
public sealed class PolicySelectsNoPod : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL201", "policy-selects-no-pod", "Policy selects no pod", Severity.Low, "policy-quality",
        "The policy's podSelector matches no pod in its namespace, so it protects nothing; usually a label typo, which leaves the intended pods open.")
    {
        References = [References.NsaNetworkPolicies],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        foreach (var policy in context.Network.NetworkPolicies)
        {
            if (context.Unchanged(policy.Namespace))
                continue;
            if (policy.PodSelector.IsEmpty || Selection.SelectedPods(context.Network, policy).Any())
                continue;
            yield return new Finding(Info, PostureContext.Ref(policy),
                $"podSelector {policy.PodSelector} matches no pod in namespace {policy.Namespace}",
                "Fix the selector to match the labels of the pods it is meant for, or delete the policy.")
            {
                Field = "spec.podSelector",
            };
        }
    }
}
