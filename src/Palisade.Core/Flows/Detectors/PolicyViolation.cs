using Palisade.Findings;
using Palisade.Flows.Detection;

namespace Palisade.Flows.Detectors;

/// <summary>
/// <c>policy-violation</c>: connections delivered although the policy in force at the time denies them: an
/// enforcement gap (a CNI that does not enforce, a node without the agent, a policy not yet applied).
/// </summary>
public sealed class PolicyViolation : IFlowDetector
{
    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL802", "policy-violation", "Connections delivered that the policy denies", Severity.High, "flows",
            "The data plane delivered traffic the network policies forbid, so the policies are not enforced where they should be."),
        ["T1599", "T1562.007"]);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        if (flow.Outcome == FlowOutcome.Forwarded && !flow.PolicyAllows)
            context.Alerts.Raise(this, flow, context, AlertBook.Names.Of(flow.Source.Name, flow.Destination.Name), flow.Port);
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) =>
        $"{Text.Connections(alert)} from {alert.Source} to {alert.Destination} ({Text.Ports(alert)}) got through although {Text.Policies(alert)} {(alert.Policies.Count == 1 ? "denies" : "deny")} it: the policy is not enforced";
}
